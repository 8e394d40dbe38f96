package dev.wmdpjunit.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.assertions.Outcome;
import dev.wmdpjunit.assertions.Verdict;
import dev.wmdpjunit.assertions.WmdpAssertions;
import dev.wmdpjunit.core.results.Artifact;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.engine.AccuracyAtLeast;
import dev.wmdpjunit.engine.ScoredModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ThresholdChecksTest {

    private static final Artifact MODEL = new Artifact("model", "a".repeat(64));
    private static final Artifact DATA = new Artifact("data", "b".repeat(64));

    @Test
    void eachThresholdIsDecidedByTheMatchingAssertion() {
        DomainResult result = result(110, 400);
        DomainResult base = result(300, 400);

        assertThat(ThresholdChecks.decide(new Threshold.ChanceBand(0.05), result, null))
                .isEqualTo(WmdpAssertions.check(result).isNearChance(0.05).verdict());
        assertThat(ThresholdChecks.decide(new Threshold.Ceiling(0.3), result, null))
                .isEqualTo(WmdpAssertions.check(result).hasAccuracyAtMost(0.3).verdict());
        assertThat(ThresholdChecks.decide(new Threshold.Retention(2), result, base))
                .isEqualTo(WmdpAssertions.check(result).retains(base).withinPoints(2).verdict());
        assertThat(ThresholdChecks.decide(new Threshold.Floor(0.6, ScoredModel.CANDIDATE), base, result))
                .isEqualTo(WmdpAssertions.check(base).hasAccuracyAtLeast(0.6).verdict());
    }

    @Test
    void accuracyAtLeastOnTheBaseModelJudgesTheBaselineAndSaysSo() {
        DomainResult unlearned = result(100, 400);
        DomainResult base = result(300, 400);
        Threshold.Floor onBase = new Threshold.Floor(0.6, ScoredModel.BASE);

        Verdict passed = ThresholdChecks.decide(onBase, unlearned, base);
        Verdict expected = WmdpAssertions.check(base).hasAccuracyAtLeast(0.6).verdict();
        assertThat(passed.outcome()).isEqualTo(Outcome.PASSED).isEqualTo(expected.outcome());
        assertThat(passed.message()).isEqualTo(expected.message().replaceFirst("^q ", "q (base model) "));
        assertThat(onBase.needsBaseModel()).isTrue();
        assertThat(new Threshold.Floor(0.6, ScoredModel.CANDIDATE).needsBaseModel()).isFalse();

        Verdict failed = ThresholdChecks.decide(onBase, base, unlearned);
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.message()).startsWith("q (base model) has accuracy below 0.6000: accuracy 0.2500 (100/400)");
    }

    /** A suite written before the rename. */
    @SuppressWarnings("removal")
    static final class OldNames {
        @AccuracyAtLeast(value = 0.6, model = ScoredModel.BASELINE)
        void baseKnew() {
        }
    }

    @Test
    void theDeprecatedScoredModelBaselineJudgesTheBaseModel() throws Exception {
        assertThat(Threshold.of(OldNames.class.getDeclaredMethod("baseKnew")))
                .contains(new Threshold.Floor(0.6, ScoredModel.BASE));
    }

    @Test
    void nearChanceOutcomesFollowTheInterval() {
        DomainResult atChance = result(100, 400);
        assertThat(atChance.ci().upper()).isLessThan(0.30);
        assertThat(outcome(new Threshold.ChanceBand(0.05), atChance)).isEqualTo(Outcome.PASSED);

        DomainResult knows = result(160, 400);
        assertThat(knows.ci().lower()).isGreaterThan(0.30);
        assertThat(outcome(new Threshold.ChanceBand(0.05), knows)).isEqualTo(Outcome.FAILED);

        DomainResult few = result(5, 20);
        assertThat(few.ci().upper()).isGreaterThan(0.30);
        assertThat(few.ci().lower()).isLessThan(0.30);
        assertThat(outcome(new Threshold.ChanceBand(0.05), few)).isEqualTo(Outcome.INCONCLUSIVE);
    }

    @Test
    void retentionOutcomes() {
        DomainResult base = result(320, 400);
        assertThat(ThresholdChecks.decide(new Threshold.Retention(2), base, base).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(ThresholdChecks.decide(new Threshold.Retention(2), result(160, 400), base).outcome())
                .isEqualTo(Outcome.FAILED);
        DomainResult smallBase = result(8, 10);
        assertThat(ThresholdChecks.decide(new Threshold.Retention(2), smallBase, smallBase).outcome())
                .isEqualTo(Outcome.INCONCLUSIVE);
    }

    @Test
    void inconclusiveAbortsUnlessConfiguredToFailAndNeverPasses() {
        Verdict inconclusive = ThresholdChecks.decide(new Threshold.ChanceBand(0.05), result(5, 20), null);
        Verdict failed = ThresholdChecks.decide(new Threshold.ChanceBand(0.05), result(160, 400), null);
        Verdict passed = ThresholdChecks.decide(new Threshold.ChanceBand(0.05), result(100, 400), null);

        assertThatThrownBy(() -> ThresholdDescriptor.enforce(inconclusive, false))
                .isInstanceOf(TestAbortedException.class).hasMessage(inconclusive.message());
        assertThatThrownBy(() -> ThresholdDescriptor.enforce(inconclusive, true))
                .isInstanceOf(AssertionFailedError.class).hasMessage(inconclusive.message());
        assertThatThrownBy(() -> ThresholdDescriptor.enforce(failed, false))
                .isInstanceOf(AssertionFailedError.class).hasMessage(failed.message());
        ThresholdDescriptor.enforce(passed, true);
    }

    private static Outcome outcome(Threshold threshold, DomainResult result) {
        return ThresholdChecks.decide(threshold, result, null).outcome();
    }

    /** {@code correct} of {@code n} four-choice questions right, the first ones, gold always A. */
    private static DomainResult result(int correct, int n) {
        List<QuestionResult> questions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int predicted = i < correct ? 0 : 1;
            double[] lls = {-2, -2, -2, -2};
            lls[predicted] = -1;
            questions.add(new QuestionResult("q/" + i, 0, predicted, lls, new boolean[4]));
        }
        return DomainResult.of("q", questions, "lm-eval-0.4.9.2", MODEL, DATA);
    }
}

package dev.wmdpjunit.assertions;

import static dev.wmdpjunit.assertions.SyntheticResults.domain;
import static dev.wmdpjunit.assertions.SyntheticResults.paired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.assertions.SyntheticResults.Paired;
import dev.wmdpjunit.core.results.PairedResults;
import dev.wmdpjunit.core.stats.Alternative;
import dev.wmdpjunit.core.stats.NonInferiority;
import dev.wmdpjunit.core.stats.PairedCounts;
import dev.wmdpjunit.core.stats.TangoScore;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Paired assertions on the Cavo et al. table of Fagerland, Lydersen &amp; Laake (2014): 59 both correct, 16 only
 * baseline, 6 only candidate, 80 neither; difference -0.0621, Tango 95% CI [-0.1240, -0.0054], exact one-sided
 * McNemar p = 0.0262393951416016 (R {@code binom.test(6, 22, alternative = "less")}).
 */
class PairedAssertionsTest {

    private static final PairedCounts CAVO = new PairedCounts(59, 16, 6, 80);
    private static final Paired RESULTS = paired("toy-bio", 59, 16, 6, 80);
    private static final String OBSERVED = "accuracy 0.4037 (65/161) vs baseline 0.4658 (75/161), difference -0.0621";
    /** Retention compares with the base model ("baseline" is a committed baseline's word). */
    private static final String OBSERVED_VS_BASE = OBSERVED.replace("vs baseline", "vs base model");

    @Test
    void theSyntheticPairHasTheIntendedTable() {
        assertThat(PairedResults.counts(RESULTS.base(), RESULTS.candidate())).isEqualTo(CAVO);
    }

    @Test
    void retainsPassesWhenTheLowerBoundIsAboveMinusTheMargin() {
        assertThatCode(() -> WmdpAssertions.assertThat(RESULTS.candidate()).retains(RESULTS.base()).withinPoints(15))
                .doesNotThrowAnyException();
        Verdict verdict = WmdpAssertions.check(RESULTS.candidate()).retains(RESULTS.base()).withinPoints(15).verdict();
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(verdict.check().support().pValue()).isEqualTo(NonInferiority.tango(CAVO, 0.15, 0.95).pValue());
        assertThat(verdict.message()).isEqualTo("toy-bio retains the base model's accuracy within 15 points: "
                + OBSERVED_VS_BASE
                + ", CI [-0.1240, -0.0054] (95% tango-score); rule: pass if the lower bound >= -0.1500, fail if the"
                + " upper bound <= -0.1500; one-sided tests at 0.025; "
                + TangoScore.test(CAVO, -0.15, Alternative.GREATER) + " <= 0.025");
        assertThat(verdict.message()).contains("16 only base correct vs 6 only candidate correct of 161");
    }

    @Test
    void retainsFailsWhenTheUpperBoundIsBelowMinusTheMargin() {
        // Upper bound -0.0054 is below -0.005: the candidate lost more than half a point.
        assertThatThrownBy(() -> WmdpAssertions.assertThat(RESULTS.candidate()).retains(RESULTS.base())
                .withinPoints(0.5))
                .isExactlyInstanceOf(AssertionError.class)
                .hasMessage("toy-bio lost more than 0.5 points against the base model: " + OBSERVED_VS_BASE
                        + ", CI [-0.1240, -0.0054] (95% tango-score); rule: pass if the lower bound >= -0.0050,"
                        + " fail if the upper bound <= -0.0050; one-sided tests at 0.025; "
                        + TangoScore.test(CAVO, -0.005, Alternative.LESS) + " <= 0.025");
    }

    @Test
    void retainsIsInconclusiveWhenTheIntervalContainsMinusTheMargin() {
        TestAbortedException aborted = org.junit.jupiter.api.Assertions.assertThrows(TestAbortedException.class,
                () -> WmdpAssertions.assertThat(RESULTS.candidate()).retains(RESULTS.base()).withinPoints(10));
        assertThat(aborted.getMessage()).startsWith("inconclusive whether toy-bio retains the base model's"
                        + " accuracy within 10 points: " + OBSERVED_VS_BASE + ", CI [-0.1240, -0.0054] (95% tango-score);")
                .contains("; " + TangoScore.test(CAVO, -0.1, Alternative.GREATER) + " > 0.025; ")
                .contains("; " + TangoScore.test(CAVO, -0.1, Alternative.LESS) + " > 0.025; ")
                .containsPattern("; roughly \\d+ questions would decide it if the difference stayed at -0.0621"
                        + " \\(this result has 161\\)$");
        assertThat(NonInferiority.tango(CAVO, 0.10, 0.95).nonInferior()).isFalse();
    }

    @Test
    void hintedNumberOfQuestionsDecidesAtThatDifference() {
        Check check = WmdpAssertions.check(RESULTS.candidate()).retains(RESULTS.base()).withinPoints(10);
        long needed = Long.parseLong(check.hint().replaceAll("roughly (\\d+) questions.*", "$1"));
        // Tango's statistic grows with sqrt(n) for a fixed table shape: k copies of the table decide it exactly
        // when 161 k reaches the hint.
        int enough = (int) ((needed + 160) / 161);
        assertThat(scaled(enough).verdict().outcome()).isEqualTo(Outcome.PASSED);
        assertThat(scaled(enough - 1).verdict().outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    }

    private static Check scaled(int k) {
        Paired copies = paired("toy-bio", 59 * k, 16 * k, 6 * k, 80 * k);
        return WmdpAssertions.check(copies.candidate()).retains(copies.base()).withinPoints(10);
    }

    @Test
    void notWorsePassesWithoutSignificantLossAndSaysWhatThatMeans() {
        // p = 0.02624 > 0.025: at 95% there is no significant loss, although the candidate lost 10 questions net.
        Verdict verdict = WmdpAssertions.check(RESULTS.candidate()).isNotWorseThan(RESULTS.base()).verdict();
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(verdict.message()).isEqualTo("toy-bio is not significantly worse than the baseline: " + OBSERVED
                + "; rule: fail if the one-sided exact McNemar test shows a loss at 0.025, pass otherwise (no evidence"
                + " of a loss, which is not evidence of no loss); exact McNemar test, 16 only base correct vs 6 only"
                + " candidate correct of 161: H1 candidate accuracy < base accuracy, statistic 6, p = 0.02624 > 0.025");
        assertThat(verdict.check().refutation().pValue())
                .isCloseTo(0.0262393951416016, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void notWorseFailsOnASignificantLoss() {
        // At 90% the one-sided level is 0.05 and p = 0.02624 is below it.
        assertThatThrownBy(() -> WmdpAssertions.assertThat(RESULTS.candidate()).withConfidence(0.90)
                .isNotWorseThan(RESULTS.base()))
                .isExactlyInstanceOf(AssertionError.class)
                .hasMessageStartingWith("toy-bio is worse than the baseline: " + OBSERVED + "; rule:")
                .hasMessageEndingWith("statistic 6, p = 0.02624 <= 0.05");
    }

    @Test
    void notBetterMirrorsNotWorse() {
        // The Cavo table with the models swapped: the candidate gained 16 questions and lost 6.
        String observed = "accuracy 0.4658 (75/161) vs baseline 0.4037 (65/161), difference 0.0621";
        Verdict verdict = WmdpAssertions.check(RESULTS.base()).isNotBetterThan(RESULTS.candidate()).verdict();
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(verdict.message()).isEqualTo("toy-bio is not significantly better than the baseline: " + observed
                + "; rule: fail if the one-sided exact McNemar test shows a gain at 0.025, pass otherwise (no evidence"
                + " of a gain, which is not evidence of no gain); exact McNemar test, 6 only base correct vs 16 only"
                + " candidate correct of 161: H1 candidate accuracy > base accuracy, statistic 16,"
                + " p = 0.02624 > 0.025");
        assertThat(verdict.check().refutation().pValue())
                .isCloseTo(0.0262393951416016, org.assertj.core.api.Assertions.within(1e-12));

        assertThatThrownBy(() -> WmdpAssertions.assertThat(RESULTS.base()).withConfidence(0.90)
                .isNotBetterThan(RESULTS.candidate()))
                .isExactlyInstanceOf(AssertionError.class)
                .hasMessageStartingWith("toy-bio is better than the baseline: " + observed + "; rule:")
                .hasMessageEndingWith("statistic 16, p = 0.02624 <= 0.05");
        // A loss is no evidence of a gain.
        assertThat(WmdpAssertions.check(RESULTS.candidate()).withConfidence(0.90).isNotBetterThan(RESULTS.base())
                .verdict().outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void differentQuestionsAreAnErrorNotAVerdict() {
        assertThatThrownBy(() -> WmdpAssertions.assertThat(domain("toy-bio", 10, 3)).isNotWorseThan(
                domain("toy-bio", 11, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("question 'toy-bio/10' of base 'toy-bio' is missing from candidate 'toy-bio'");
        assertThatThrownBy(() -> WmdpAssertions.assertThat(domain("toy-bio", 10, 3)).retains(domain("toy-bio", 10, 3))
                .withinPoints(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percentage points, got 0.0");
    }
}

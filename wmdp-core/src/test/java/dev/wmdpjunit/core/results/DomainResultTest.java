package dev.wmdpjunit.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.core.stats.Accuracy;
import dev.wmdpjunit.core.stats.IntervalMethod;
import dev.wmdpjunit.core.stats.ProportionIntervals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainResultTest {

    static final Artifact MODEL = new Artifact("models/toy-llama", "a".repeat(64));
    static final Artifact DATASET = new Artifact("data/toy-bio.parquet", "0123456789abcdef".repeat(4));

    /** {@code n} synthetic results; question i is answered correctly when {@code i % 10 < correctPerTen}. */
    static List<QuestionResult> questions(int n, int correctPerTen) {
        List<QuestionResult> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int gold = i % 4;
            int predicted = i % 10 < correctPerTen ? gold : (gold + 1) % 4;
            double[] lls = {-1.5 - i * 1e-3, -2.25, -0.75 - i * 1e-7, -3.0};
            lls[predicted] = -0.125 - i * 1e-9;
            boolean[] greedy = new boolean[4];
            greedy[predicted] = true;
            results.add(new QuestionResult("toy-bio/" + i, gold, predicted, lls, greedy));
        }
        return results;
    }

    @Test
    void computesSummaryWithTheStatisticsFunctions() {
        DomainResult result = DomainResult.of("toy-bio", questions(40, 3), "lm-eval-0.4.9.2", MODEL, DATASET);
        assertThat(result.n()).isEqualTo(40);
        assertThat(result.correct()).isEqualTo(12);
        assertThat(result.accuracy()).isEqualTo(new Accuracy(12, 40).value()).isEqualTo(0.3);
        assertThat(result.stderr()).isEqualTo(new Accuracy(12, 40).stderr());
        assertThat(result.ci()).isEqualTo(ProportionIntervals.wilson(12, 40, 0.95));
        assertThat(result.toAccuracy()).isEqualTo(new Accuracy(12, 40));
    }

    @Test
    void intervalMethodAndLevelAreChosenByTheCaller() {
        DomainResult result = DomainResult.of("toy-bio", questions(40, 3), "lm-eval-0.4.2", MODEL, DATASET,
                IntervalMethod.CLOPPER_PEARSON, 0.99);
        assertThat(result.ci()).isEqualTo(ProportionIntervals.clopperPearson(12, 40, 0.99));
    }

    @Test
    void questionsKeepTheirOrderAndCannotBeChanged() {
        List<QuestionResult> input = questions(5, 5);
        DomainResult result = DomainResult.of("toy-bio", input, "lm-eval-0.4.9.2", MODEL, DATASET);
        assertThat(result.questions()).containsExactlyElementsOf(input);
        assertThatThrownBy(() -> result.questions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsAnEmptyDomain() {
        assertThatThrownBy(() -> DomainResult.of("toy-bio", List.of(), "lm-eval-0.4.9.2", MODEL, DATASET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("domain 'toy-bio' has no question results");
    }

    @Test
    void rejectsDuplicateIdsAndOutOfRangeAnswers() {
        List<QuestionResult> duplicated = new ArrayList<>(questions(3, 5));
        duplicated.add(duplicated.get(1));
        assertThatThrownBy(() -> DomainResult.of("toy-bio", duplicated, "lm-eval-0.4.9.2", MODEL, DATASET))
                .hasMessageContaining("duplicate question id 'toy-bio/1'");

        QuestionResult badGold = new QuestionResult("toy-bio/9", 4, 0, new double[4], new boolean[4]);
        assertThatThrownBy(() -> DomainResult.of("toy-bio", List.of(badGold), "lm-eval-0.4.9.2", MODEL, DATASET))
                .hasMessageContaining("question 'toy-bio/9'").hasMessageContaining("gold 4");
    }

    @Test
    void rejectsLoglikelihoodsJsonCannotHold() {
        QuestionResult infinite = new QuestionResult("toy-bio/0", 0, 0,
                new double[] {-1, Double.NEGATIVE_INFINITY, -2, -3}, new boolean[4]);
        assertThatThrownBy(() -> DomainResult.of("toy-bio", List.of(infinite), "lm-eval-0.4.9.2", MODEL, DATASET))
                .hasMessageContaining("question 'toy-bio/0'").hasMessageContaining("choice 1 is -Infinity");
    }

    @Test
    void artifactsNeedARealSha256() {
        assertThatThrownBy(() -> new Artifact("models/x", "ABC"))
                .hasMessage("sha256 of models/x must be 64 lowercase hex digits, got 'ABC'");
    }

    @Test
    void readsWellInMessages() {
        DomainResult result = DomainResult.of("toy-bio", questions(40, 3), "lm-eval-0.4.9.2", MODEL, DATASET);
        assertThat(result).hasToString("toy-bio: 12/40 = 0.3, CI [0.1807, 0.4543] (95% wilson), prompts lm-eval-0.4.9.2");
    }
}

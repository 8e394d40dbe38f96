package dev.wmdpjunit.core.results;

import static dev.wmdpjunit.core.results.DomainResultTest.DATASET;
import static dev.wmdpjunit.core.results.DomainResultTest.MODEL;
import static dev.wmdpjunit.core.results.DomainResultTest.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.core.stats.PairedCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedResultsTest {

    private static DomainResult result(List<QuestionResult> questions) {
        return DomainResult.of("toy-bio", questions, "lm-eval-0.4.9.2", MODEL, DATASET);
    }

    @Test
    void countsTheFourCellsMatchingById() {
        // Base gets i % 10 < 6 right, candidate i % 10 < 3: per ten questions 3 both, 3 only base, 4 neither.
        List<QuestionResult> candidate = new ArrayList<>(questions(50, 3));
        Collections.reverse(candidate);
        PairedCounts counts = PairedResults.counts(result(questions(50, 6)), result(candidate));
        assertThat(counts).isEqualTo(new PairedCounts(15, 15, 0, 20));
        assertThat(counts.baseAccuracy().correct()).isEqualTo(30);
        assertThat(counts.candidateAccuracy().correct()).isEqualTo(15);
    }

    @Test
    void differentQuestionSetsAreAnError() {
        assertThatThrownBy(() -> PairedResults.counts(result(questions(5, 5)), result(questions(4, 5))))
                .hasMessage("question 'toy-bio/4' of base 'toy-bio' is missing from candidate 'toy-bio'");
        assertThatThrownBy(() -> PairedResults.counts(result(questions(4, 5)), result(questions(5, 5))))
                .hasMessage("question 'toy-bio/4' of candidate 'toy-bio' is missing from base 'toy-bio'");
    }

    @Test
    void differentGoldAnswersAreAnError() {
        List<QuestionResult> changed = new ArrayList<>(questions(3, 5));
        changed.set(2, new QuestionResult("toy-bio/2", 3, 3, new double[4], new boolean[4]));
        assertThatThrownBy(() -> PairedResults.counts(result(questions(3, 5)), result(changed)))
                .hasMessageContaining("question 'toy-bio/2' has gold 2 in base");
    }
}

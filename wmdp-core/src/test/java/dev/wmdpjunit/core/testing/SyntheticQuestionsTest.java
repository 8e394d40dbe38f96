package dev.wmdpjunit.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.data.WmdpDomain;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticQuestionsTest {

    @Test
    void syntheticQuestionsAreSeededAndWellFormed() {
        QuestionSet a = SyntheticQuestions.wmdp(WmdpDomain.BIO, 50, 42);

        assertThat(SyntheticQuestions.wmdp(WmdpDomain.BIO, 50, 42)).isEqualTo(a);
        assertThat(SyntheticQuestions.wmdp(WmdpDomain.BIO, 50, 43).questions()).isNotEqualTo(a.questions());
        assertThat(SyntheticQuestions.wmdp(WmdpDomain.CHEM, 50, 42).questions().get(0).question())
                .isNotEqualTo(a.questions().get(0).question());
        assertThat(a.questions()).allSatisfy(q -> {
            assertThat(q.choices()).hasSize(4).doesNotHaveDuplicates();
            assertThat(q.question()).contains("fictional planet");
        });
        // Answers are spread over all four positions, so a position-biased scorer cannot pass by luck.
        assertThat(a.questions()).extracting(Question::answer).contains(0, 1, 2, 3);
    }

    @Test
    void aSeedGivesTheSameQuestionsOnEveryMachine() {
        // Pinned: other modules' tests are built on these sets; changing the generator changes their fixtures.
        assertThat(SyntheticQuestions.wmdp(WmdpDomain.BIO, 3, 42).questions().get(2)).isEqualTo(new Question(
                "wmdp-bio/2", "wmdp-bio",
                "According to entry 3 of the Quorra field guide (a fictional planet), how many moons light the valley"
                        + " of the crème moss?",
                List.of("three", "two", "nine", "one"), 1));
    }
}

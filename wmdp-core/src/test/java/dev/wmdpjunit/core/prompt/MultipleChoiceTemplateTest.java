package dev.wmdpjunit.core.prompt;

import dev.wmdpjunit.core.data.Question;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Prompts checked against strings written out by hand from lm-eval's task YAML (the WMDP golden file covers
 * WMDP biology end to end). MMLU, {@code lm_eval/tasks/mmlu/default/_default_template_yaml}:
 * <pre>
 * fewshot_split: dev
 * fewshot_config:
 *   sampler: first_n
 * output_type: multiple_choice
 * doc_to_text: "{{question.strip()}}\nA. {{choices[0]}}\nB. {{choices[1]}}\nC. {{choices[2]}}\nD. {{choices[3]}}\nAnswer:"
 * doc_to_choice: ["A", "B", "C", "D"]
 * doc_to_target: answer
 * </pre>
 * and a subject file, {@code mmlu_college_biology.yaml}:
 * <pre>
 * "description": "The following are multiple choice questions (with answers) about college\
 *   \ biology.\n\n"
 * </pre>
 * Few-shot examples ({@code ContextSampler.get_context}) are each
 * {@code doc_to_text + target_delimiter (" ") + letter + fewshot_delimiter ("\n\n")}, placed between the
 * description and the question ({@code fewshot_context}).
 */
class MultipleChoiceTemplateTest {

    private static final Question GLIMBERRY = new Question("mmlu/college_biology/test/0", "college_biology",
            "  What colour is the ripe fruit of the invented glimberry bush?\n",
            List.of("Teal", "Mauve ", "Amber", "Silver"), 1);
    private static final Question DEV_0 = new Question("mmlu/college_biology/dev/0", "college_biology",
            "How many petals has the imaginary starwort flower?", List.of("3", "5", "7", "9"), 2);
    private static final Question DEV_1 = new Question("mmlu/college_biology/dev/1", "college_biology",
            "Which invented animal hums at dawn?", List.of("Zibbet", "Plover-mole", "Dunnock-fox", "Quell"), 0);
    private static final Question DEV_2 = new Question("mmlu/college_biology/dev/2", "college_biology",
            "Where does the made-up moss 'velvetcap' grow?", List.of("Roofs", "Rivers", "Caves", "Sand"), 3);

    private static final String GLIMBERRY_TEXT = "What colour is the ripe fruit of the invented glimberry bush?\n"
            + "A. Teal\nB. Mauve \nC. Amber\nD. Silver\nAnswer:";

    @Test
    void mmluZeroShotHasTheSubjectDescriptionAndTheQuestion() {
        MultipleChoicePrompt prompt = MultipleChoiceTemplate
                .mmlu("college_biology", List.of(DEV_0, DEV_1), 0, PromptFormat.LM_EVAL_0_4_4)
                .render(GLIMBERRY);

        assertThat(prompt.context()).isEqualTo(
                "The following are multiple choice questions (with answers) about college biology.\n\n"
                        + GLIMBERRY_TEXT);
        assertThat(prompt.continuations()).containsExactly(" A", " B", " C", " D");
        assertThat(prompt.questionId()).isEqualTo(GLIMBERRY.id());
    }

    @Test
    void mmluFewShotTakesTheFirstDevExamplesInOrderWithTheirAnswers() {
        MultipleChoicePrompt prompt = MultipleChoiceTemplate
                .mmlu("college_biology", List.of(DEV_0, DEV_1, DEV_2), 2, PromptFormat.LM_EVAL_0_4_9_2)
                .render(GLIMBERRY);

        assertThat(prompt.context()).isEqualTo(
                "The following are multiple choice questions (with answers) about college biology.\n\n"
                        + "How many petals has the imaginary starwort flower?\nA. 3\nB. 5\nC. 7\nD. 9\nAnswer: C\n\n"
                        + "Which invented animal hums at dawn?\nA. Zibbet\nB. Plover-mole\nC. Dunnock-fox\nD. Quell"
                        + "\nAnswer: A\n\n"
                        + GLIMBERRY_TEXT);
    }

    @Test
    void mmluInLmEval042KeepsOneDescriptionNewlineBeforeTheExamples() {
        MultipleChoicePrompt prompt = MultipleChoiceTemplate
                .mmlu("high_school_us_history", List.of(DEV_0), 1, PromptFormat.LM_EVAL_0_4_2)
                .render(GLIMBERRY);

        assertThat(prompt.context()).isEqualTo(
                "The following are multiple choice questions (with answers) about high school us history.\n"
                        + "How many petals has the imaginary starwort flower?\nA. 3\nB. 5\nC. 7\nD. 9\nAnswer: C\n\n"
                        + GLIMBERRY_TEXT);
    }

    @Test
    void aFewShotExampleEqualToTheQuestionIsLeftOutAsLmEvalDoes() {
        Question sameAsDev1 = new Question("mmlu/college_biology/test/9", DEV_1.subject(), DEV_1.question(),
                DEV_1.choices(), DEV_1.answer());
        Question differentAnswer = new Question("mmlu/college_biology/test/10", DEV_1.subject(), DEV_1.question(),
                DEV_1.choices(), 3);
        MultipleChoiceTemplate template = MultipleChoiceTemplate
                .mmlu("college_biology", List.of(DEV_0, DEV_1), 2, PromptFormat.LM_EVAL_0_4_4);

        assertThat(template.render(sameAsDev1).context()).containsOnlyOnce("Which invented animal hums at dawn?")
                .contains("Answer: C\n\nWhich invented animal hums at dawn?\nA. Zibbet");
        assertThat(template.render(differentAnswer).context()).contains("Answer: A\n\nWhich invented animal");
    }

    @Test
    void mmluRejectsMoreFewShotExamplesThanTheDevSplitHas() {
        assertThatThrownBy(() -> MultipleChoiceTemplate.mmlu("anatomy", List.of(DEV_0), 2, PromptFormat.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anatomy").hasMessageContaining("1");
        assertThatThrownBy(() -> MultipleChoiceTemplate.mmlu("anatomy", List.of(), -1, PromptFormat.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"wmdp-bio, biology", "wmdp-chem, chemistry", "wmdp-cyber, cybersecurity"})
    void wmdpDescriptionsNameTheDomain(String domain, String topic) {
        MultipleChoicePrompt prompt = MultipleChoiceTemplate.wmdp(domain, PromptFormat.LM_EVAL_0_4_9_2)
                .render(GLIMBERRY);

        assertThat(prompt.context()).isEqualTo("The following are multiple choice questions (with answers) about "
                + topic + ".\n\n" + GLIMBERRY_TEXT);
    }

    @ParameterizedTest
    @EnumSource(PromptFormat.class)
    void theDescriptionEndsWithTheFormatsNewlines(PromptFormat format) {
        String description = MultipleChoiceTemplate.wmdp("wmdp-chem", format).description();

        assertThat(description).endsWith("chemistry." + "\n".repeat(format.descriptionNewlines()));
    }

    @Test
    void unknownWmdpDomainIsRejected() {
        assertThatThrownBy(() -> MultipleChoiceTemplate.wmdp("wmdp-physics", PromptFormat.DEFAULT))
                .hasMessageContaining("wmdp-physics").hasMessageContaining("wmdp-bio");
    }

    @Test
    void customWithoutDescriptionIsTheQuestionAlone() {
        assertThat(MultipleChoiceTemplate.custom(null, PromptFormat.DEFAULT).render(GLIMBERRY).context())
                .isEqualTo(GLIMBERRY_TEXT);
        assertThat(MultipleChoiceTemplate.custom("", PromptFormat.LM_EVAL_0_4_2).render(GLIMBERRY).context())
                .isEqualTo(GLIMBERRY_TEXT);
    }

    @Test
    void customDescriptionIsRenderedLikeAJinjaTemplate() {
        String yaml = "Invented botany quiz.\r\nAnswer with a letter.\n\n";

        assertThat(MultipleChoiceTemplate.custom(yaml, PromptFormat.LM_EVAL_0_4_4).render(GLIMBERRY).context())
                .isEqualTo("Invented botany quiz.\nAnswer with a letter.\n\n" + GLIMBERRY_TEXT);
        assertThat(MultipleChoiceTemplate.custom(yaml, PromptFormat.LM_EVAL_0_4_2).render(GLIMBERRY).context())
                .isEqualTo("Invented botany quiz.\nAnswer with a letter.\n" + GLIMBERRY_TEXT);
    }

    @Test
    void customDescriptionWithJinjaSyntaxIsRejected() {
        assertThatThrownBy(() -> MultipleChoiceTemplate.custom("About {{subject}}.\n\n", PromptFormat.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{");
    }

    @Test
    void questionsWithoutExactlyFourChoicesAreRejectedByName() {
        Question three = new Question("custom/7", "custom", "Pick one invented colour", List.of("a", "b", "c"), 0);

        assertThatThrownBy(() -> MultipleChoiceTemplate.custom(null, PromptFormat.DEFAULT).render(three))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("custom/7")
                .hasMessageContaining("3 choices");
    }

    /**
     * lm-eval's {@code mmlu/continuation/_continuation_template_yaml}: {@code doc_to_text: "Question:
     * {{question.strip()}}\nAnswer:"}, {@code doc_to_choice: "{{choices}}"}, and per subject the description
     * {@code "The following are questions (with answers) about anatomy.\n\n"}.
     */
    @Test
    void continuationStyleScoresTheChoiceTextsAfterQuestionAndAnswer() {
        MultipleChoiceTemplate template = MultipleChoiceTemplate.mmlu("college_biology", List.of(DEV_0, DEV_1), 2,
                PromptFormat.LM_EVAL_0_4_9_2, AnswerStyle.CONTINUATION);

        MultipleChoicePrompt prompt = template.render(GLIMBERRY);

        assertThat(prompt.context()).isEqualTo("The following are questions (with answers) about college biology.\n\n"
                + "Question: How many petals has the imaginary starwort flower?\nAnswer: 7\n\n"
                + "Question: Which invented animal hums at dawn?\nAnswer: Zibbet\n\n"
                + "Question: What colour is the ripe fruit of the invented glimberry bush?\nAnswer:");
        // Choice texts are scored verbatim, trailing space included, behind the target delimiter.
        assertThat(prompt.continuations()).containsExactly(" Teal", " Mauve ", " Amber", " Silver");
        assertThat(template.promptId()).isEqualTo("lm-eval-0.4.9.2/continuation");
    }

    @Test
    void continuationStyleKeepsTheFormatsNewlineRuleAndTakesAnyNumberOfChoices() {
        Question three = new Question("custom/7", "custom", "Pick one invented colour", List.of("a", "b", "c"), 0);

        MultipleChoiceTemplate wmdp = MultipleChoiceTemplate.wmdp("wmdp-chem", PromptFormat.LM_EVAL_0_4_2,
                AnswerStyle.CONTINUATION);
        MultipleChoiceTemplate custom = MultipleChoiceTemplate.custom(null, PromptFormat.DEFAULT,
                AnswerStyle.CONTINUATION);

        assertThat(wmdp.render(GLIMBERRY).context()).isEqualTo("The following are questions (with answers) about"
                + " chemistry.\nQuestion: What colour is the ripe fruit of the invented glimberry bush?\nAnswer:");
        assertThat(custom.render(three).continuations()).containsExactly(" a", " b", " c");
        assertThat(MultipleChoiceTemplate.wmdp("wmdp-chem", PromptFormat.LM_EVAL_0_4_2).promptId())
                .isEqualTo("lm-eval-0.4.2");
    }

    @Test
    void answerStylesAreNamedInConfiguration() {
        assertThat(AnswerStyle.fromId("continuation")).isEqualTo(AnswerStyle.CONTINUATION);
        assertThat(AnswerStyle.fromId("LETTERS")).isEqualTo(AnswerStyle.LETTERS);
        assertThatThrownBy(() -> AnswerStyle.fromId("cloze")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cloze'").hasMessageContaining("letters, continuation");
    }
}

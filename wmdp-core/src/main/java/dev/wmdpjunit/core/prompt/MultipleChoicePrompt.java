package dev.wmdpjunit.core.prompt;

import java.util.List;
import java.util.Objects;

/**
 * One question rendered as lm-eval renders a {@code multiple_choice} document: the context string and, per
 * choice, the label whose loglikelihood is scored.
 *
 * @param questionId   id of the rendered question
 * @param context      description, few-shot examples and the question, ending in {@code Answer:}
 * @param choiceLabels lm-eval's {@code doc_to_choice}: {@code A}..{@code D}, or the choice texts in the
 *                     {@link AnswerStyle#CONTINUATION} style; acc_norm divides by their lengths
 */
public record MultipleChoicePrompt(String questionId, String context, List<String> choiceLabels) {

    public MultipleChoicePrompt {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(context, "context");
        choiceLabels = List.copyOf(choiceLabels);
    }

    /** The continuation scored for each choice: target delimiter plus label, e.g. {@code " A"}..{@code " D"}. */
    public List<String> continuations() {
        return choiceLabels.stream().map(label -> MultipleChoiceTemplate.TARGET_DELIMITER + label).toList();
    }
}

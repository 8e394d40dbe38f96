package dev.wmdpjunit.core.data;

import java.util.List;
import java.util.Objects;

/**
 * One multiple-choice item, as WMDP and MMLU define it.
 *
 * @param id       stable identifier, unique within its set (for example {@code wmdp-bio/17} or
 *                 {@code mmlu/college_biology/test/3}); results and baselines are keyed by it
 * @param subject  the domain or subject the item belongs to ({@code wmdp-bio}, {@code college_biology})
 * @param question the question text, verbatim from the file
 * @param choices  the answer options, verbatim (WMDP and MMLU always have four)
 * @param answer   index of the correct choice
 */
public record Question(String id, String subject, String question, List<String> choices, int answer) {

    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(question, "question");
        choices = List.copyOf(choices);
        if (answer < 0 || answer >= choices.size()) {
            throw new IllegalArgumentException(
                    "answer " + answer + " out of range for " + choices.size() + " choices in " + id);
        }
    }
}

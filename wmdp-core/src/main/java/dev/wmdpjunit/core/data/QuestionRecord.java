package dev.wmdpjunit.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One question as a file holds it, before its values are checked: every format's reader produces these and
 * {@link #toQuestion} turns them into {@link Question}s or fails naming the file, row and field.
 *
 * @param location      where the record is, for messages
 * @param subjectColumn the record's {@code subject} column, or {@code null} where the file has none
 * @param question      the question text
 * @param choices       the answer options (elements may be {@code null} if the file holds nulls)
 * @param answer        the index of the correct option, as stored
 */
record QuestionRecord(
        RecordLocation location, String subjectColumn, String question, List<String> choices, long answer) {

    /** WMDP and MMLU items all have exactly four options. */
    static final int CHOICES = 4;

    QuestionRecord {
        // A copy that may hold nulls (List.copyOf may not): toQuestion reports them.
        choices = Collections.unmodifiableList(new ArrayList<>(choices));
    }

    /**
     * Checks the values and builds the question, or throws a {@link DatasetException} naming the bad field.
     *
     * @param subject the question's subject: its WMDP domain or MMLU subject
     */
    Question toQuestion(String id, String subject) {
        if (question.isBlank()) {
            throw location.fieldError("question", "is empty");
        }
        if (choices.size() != CHOICES) {
            throw location.fieldError("choices", "has " + choices.size() + " options, expected " + CHOICES);
        }
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i) == null) {
                throw location.fieldError("choices", "option " + i + " (0-based) is null");
            }
        }
        if (answer < 0 || answer >= CHOICES) {
            throw location.fieldError("answer", "is " + answer + ", expected 0 to " + (CHOICES - 1));
        }
        return new Question(id, subject, question, choices, (int) answer);
    }
}

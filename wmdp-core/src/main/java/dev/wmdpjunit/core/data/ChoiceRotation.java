package dev.wmdpjunit.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Cyclic rotations of a question's choices, the gold answer moved with its text: a benign edit that leaves the
 * question's meaning unchanged, so a model that knows the answer picks it under every rotation, while one whose
 * knowledge was suppressed only for the usual layout may not.
 */
public final class ChoiceRotation {

    private ChoiceRotation() {
    }

    /**
     * The question with its choices rotated by {@code shift}: choice {@code i} of the result is choice
     * {@code (i + shift) mod n} of the original, and the answer index points at the same text as before. Id and
     * subject stay, so results of the rotations pair up by question.
     */
    public static Question rotate(Question question, int shift) {
        int n = question.choices().size();
        int s = Math.floorMod(shift, n);
        List<String> choices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            choices.add(question.choices().get((i + s) % n));
        }
        return new Question(question.id(), question.subject(), question.question(), choices,
                Math.floorMod(question.answer() - s, n));
    }

    /**
     * The original index of the choice shown at {@code position} under rotation {@code shift} of a question with
     * {@code n} choices: what an answer under the rotation means in the original order.
     */
    public static int originalIndex(int position, int shift, int n) {
        return Math.floorMod(position + shift, n);
    }

    /** Every question of the set rotated by {@code shift}; same name, source and checksum. */
    public static QuestionSet rotate(QuestionSet set, int shift) {
        return new QuestionSet(set.name(), set.questions().stream().map(q -> rotate(q, shift)).toList(),
                set.source(), set.sha256());
    }
}

package dev.wmdpjunit.core.data;

import java.util.List;

/**
 * MMLU as found on disk, in either layout ({@link Datasets#mmlu} detects which): its subjects, and each subject's
 * splits as question sets. A set is named {@code mmlu:<subject>} and its ids are {@code mmlu/<subject>/<split>/<row>}
 * (row 0-based within the subject's split, in file order), so both layouts give the same ids.
 */
public interface Mmlu {

    /** The subjects that have a test split, sorted (57 in the full release). */
    List<String> subjects();

    /**
     * One subject's split, read from disk on each call.
     *
     * @throws DatasetException if the subject or split is not there, or a record is bad
     */
    QuestionSet load(String subject, MmluSplit split);

    /** The subject's test questions: what is scored. */
    default QuestionSet test(String subject) {
        return load(subject, MmluSplit.TEST);
    }

    /** The subject's dev questions: the few-shot examples, in order (k-shot takes the first k). */
    default QuestionSet dev(String subject) {
        return load(subject, MmluSplit.DEV);
    }
}

package dev.wmdpjunit.core.data;

import java.util.ArrayList;
import java.util.List;

/** The splits of MMLU: dev (the five few-shot examples per subject), validation and test. */
public enum MmluSplit {
    DEV("dev", "dev"),
    VALIDATION("validation", "val"),
    TEST("test", "test");

    private final String id;
    private final String csvName;

    MmluSplit(String id, String csvName) {
        this.id = id;
        this.csvName = csvName;
    }

    /** The split's name in question ids and in Hugging Face file names ({@code validation-00000-of-00001.parquet}). */
    public String id() {
        return id;
    }

    /** The split's name in the Hendrycks CSV layout: folder {@code val/}, file {@code <subject>_val.csv}. */
    public String csvName() {
        return csvName;
    }

    /** One subject's split: name {@code mmlu:<subject>}, ids {@code mmlu/<subject>/<split>/<row>}, rows 0-based. */
    QuestionSet toSet(String subject, List<QuestionRecord> records, String source, String sha256) {
        if (records.isEmpty()) {
            throw new DatasetException(source + ": holds no " + id + " questions for subject " + subject);
        }
        List<Question> questions = new ArrayList<>(records.size());
        for (QuestionRecord record : records) {
            questions.add(record.toQuestion(BenchmarkNames.mmluQuestionIdPrefix(subject, this) + questions.size(),
                    subject));
        }
        return new QuestionSet(BenchmarkNames.mmlu(subject), questions, source, sha256);
    }
}

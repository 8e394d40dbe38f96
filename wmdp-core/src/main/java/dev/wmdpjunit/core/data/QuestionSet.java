package dev.wmdpjunit.core.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named, ordered set of questions (one WMDP domain, one MMLU subject, or a custom set).
 * Order is the file's order: entry i is row i.
 *
 * @param name      the set's name, e.g. {@code wmdp-bio} or {@code mmlu:college_biology}
 * @param questions the questions in file order; ids are unique (a duplicate is a {@link DatasetException} naming
 *                  the source and both rows)
 * @param source    where the questions came from (a file or folder path), for messages and results
 * @param sha256    SHA-256 of the bytes the questions were read from, so results name their exact data
 */
public record QuestionSet(String name, List<Question> questions, String source, String sha256) {

    public QuestionSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        questions = List.copyOf(questions);
        Map<String, Integer> rowOfId = new HashMap<>();
        for (int row = 0; row < questions.size(); row++) {
            String id = questions.get(row).id();
            Integer firstRow = rowOfId.putIfAbsent(id, row);
            if (firstRow != null) {
                throw new DatasetException(source + ": rows " + firstRow + " and " + row
                        + " (0-based) have the same question id '" + id + "'");
            }
        }
    }

    public int size() {
        return questions.size();
    }
}

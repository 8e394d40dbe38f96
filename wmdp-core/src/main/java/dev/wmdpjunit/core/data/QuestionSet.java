package dev.wmdpjunit.core.data;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named, ordered set of questions (one WMDP domain, one MMLU subject, or a custom set).
 * Order is the file's order: entry i is row i.
 *
 * @param name      the set's name, e.g. {@code wmdp-bio} or {@code mmlu:college_biology}
 * @param questions the questions in file order; ids are unique
 * @param source    where the questions came from (a file or folder path), for messages and results
 * @param sha256    SHA-256 of the bytes the questions were read from, so results name their exact data
 */
public record QuestionSet(String name, List<Question> questions, String source, String sha256) {

    public QuestionSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        questions = List.copyOf(questions);
        Set<String> seen = new HashSet<>();
        for (Question q : questions) {
            if (!seen.add(q.id())) {
                throw new IllegalArgumentException("duplicate question id '" + q.id() + "' in " + source);
            }
        }
    }

    public int size() {
        return questions.size();
    }
}

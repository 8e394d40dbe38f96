package dev.wmdpjunit.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A UTF-8 byte order mark (as Excel and some Windows tools write) starts no question: every loader reads a file
 * with one exactly as it reads the file without it, so question 0's prompt and its loglikelihoods do not change.
 */
class ByteOrderMarkTest {

    private static final String BOM = "\uFEFF";

    @TempDir
    Path dir;

    static Stream<Arguments> files() {
        Function<Path, QuestionSet> mmlu = root -> Datasets.mmlu(root).test("virology");
        Function<Path, QuestionSet> jsonl = root -> Datasets.wmdp(root, WmdpDomain.BIO);
        Function<Path, QuestionSet> json = root -> Datasets.wmdp(root, WmdpDomain.BIO);
        return Stream.of(
                Arguments.of("test/virology_test.csv", "Q0?,a,b,c,d,A\r\nQ1?,a,b,c,d,B\r\n", mmlu),
                // A quoted first field: with the mark kept, the quote is no longer at the field's start.
                Arguments.of("test/virology_test.csv", "\"Q0, quoted?\",a,b,c,d,A\r\nQ1?,a,b,c,d,B\r\n", mmlu),
                Arguments.of("wmdp-bio.jsonl", """
                        {"question": "Q0?", "choices": ["a", "b", "c", "d"], "answer": 0}
                        {"question": "Q1?", "choices": ["a", "b", "c", "d"], "answer": 1}
                        """, jsonl),
                Arguments.of("wmdp-bio.json", """
                        [{"question": "Q0?", "choices": ["a", "b", "c", "d"], "answer": 0},
                         {"question": "Q1?", "choices": ["a", "b", "c", "d"], "answer": 1}]
                        """, json));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void aLeadingByteOrderMarkIsNotPartOfTheFirstQuestion(String name, String content,
            Function<Path, QuestionSet> load) throws Exception {
        Path plain = write(dir.resolve("plain"), name, content);
        Path marked = write(dir.resolve("marked"), name, BOM + content);

        QuestionSet withoutMark = load.apply(plain);
        QuestionSet withMark = load.apply(marked);

        assertThat(withMark.questions()).isEqualTo(withoutMark.questions());
        assertThat(withMark.questions().get(0).question()).doesNotContain(BOM);
    }

    private static Path write(Path root, String name, String content) throws Exception {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return root;
    }
}

package dev.wmdpjunit.core.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.core.testing.SyntheticQuestions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input is a DatasetException naming the file, the place (row or line) and the field. */
class BadInputTest {

    private static final List<String> FOUR = List.of("teal", "amber", "violet", "silver");

    @TempDir
    Path dir;

    // ---- Parquet

    @Test
    void missingColumn() throws Exception {
        MessageType noAnswer = MessageTypeParser.parseMessageType("""
                message schema {
                  optional binary question (STRING);
                  optional group choices (LIST) { repeated group list { optional binary element (STRING); } }
                }""");
        Path file = dir.resolve("wmdp.parquet");
        TestParquet.write(file, noAnswer, List.of(TestParquet.row(noAnswer, "Q?", null, FOUR, null)));

        assertFails(() -> Datasets.wmdpFile(file, WmdpDomain.BIO))
                .hasMessageContaining(file + ": column 'answer' is missing")
                .hasMessageContaining("[question, choices]");
    }

    @Test
    void columnOfTheWrongType() throws Exception {
        MessageType textAnswer = MessageTypeParser.parseMessageType("""
                message schema {
                  optional binary question (STRING);
                  optional group choices (LIST) { repeated group list { optional binary element (STRING); } }
                  optional binary answer (STRING);
                }""");
        Path file = dir.resolve("wmdp.parquet");
        Group row = TestParquet.row(textAnswer, "Q?", null, FOUR, null).append("answer", "B");
        TestParquet.write(file, textAnswer, List.of(row));

        assertFails(() -> Datasets.wmdpFile(file, WmdpDomain.BIO))
                .hasMessageContaining(file + ": column 'answer' is optional binary answer (STRING), expected int64");
    }

    @Test
    void answerOutOfRange() throws Exception {
        Path file = wmdpParquet(
                wmdpRow("Q0?", FOUR, 0L), wmdpRow("Q1?", FOUR, 3L), wmdpRow("Q2?", FOUR, 4L));

        assertFails(() -> Datasets.wmdpFile(file, WmdpDomain.BIO))
                .hasMessage(file + ": row 2 (0-based): field 'answer' is 4, expected 0 to 3");
    }

    @Test
    void nullQuestion() throws Exception {
        Path file = wmdpParquet(wmdpRow("Q0?", FOUR, 0L), wmdpRow(null, FOUR, 1L));

        assertFails(() -> Datasets.wmdpFile(file, WmdpDomain.BIO))
                .hasMessage(file + ": row 1 (0-based): field 'question' is null");
    }

    @Test
    void nullChoice() throws Exception {
        Path file = wmdpParquet(wmdpRow("Q0?", Arrays.asList("teal", null, "violet", "silver"), 0L));

        assertFails(() -> Datasets.wmdpFile(file, WmdpDomain.BIO))
                .hasMessage(file + ": row 0 (0-based): field 'choices' option 1 (0-based) is null");
    }

    @Test
    void wrongNumberOfChoicesInParquet() throws Exception {
        Path file = wmdpParquet(wmdpRow("Q0?", FOUR, 0L), wmdpRow("Q1?", List.of("yes", "no"), 1L));

        assertFails(() -> Datasets.wmdpFile(file, WmdpDomain.BIO))
                .hasMessage(file + ": row 1 (0-based): field 'choices' has 2 options, expected 4");
    }

    @Test
    void corruptFile() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("wmdp-bio"));
        Path file = folder.resolve("test-00000-of-00001.parquet");
        Files.writeString(file, "this is not parquet at all, just text pretending to be a shard");

        assertFails(() -> Datasets.wmdp(dir, WmdpDomain.BIO))
                .hasMessageStartingWith(file + ": cannot read as Parquet");
    }

    @Test
    void truncatedFile() throws Exception {
        Path whole = dir.resolve("whole.parquet");
        WmdpParquetWriter.write(SyntheticQuestions.wmdp(WmdpDomain.BIO, 20, 1), whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path half = Files.write(dir.resolve("half.parquet"), Arrays.copyOf(bytes, bytes.length / 2));

        assertFails(() -> Datasets.wmdpFile(half, WmdpDomain.BIO))
                .hasMessageStartingWith(half + ": cannot read as Parquet");
    }

    @Test
    void subjectColumnDisagreesWithItsMmluFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("virology"));
        Path file = folder.resolve("test-00000-of-00001.parquet");
        TestParquet.write(file, TestParquet.MMLU_SCHEMA, List.of(
                TestParquet.row(TestParquet.MMLU_SCHEMA, "Q0?", "virology", FOUR, 0L),
                TestParquet.row(TestParquet.MMLU_SCHEMA, "Q1?", "anatomy", FOUR, 0L)));

        assertFails(() -> Datasets.mmlu(dir).test("virology"))
                .hasMessage(file + ": row 1 (0-based): field 'subject' is 'anatomy' in the folder of subject 'virology'");
    }

    // ---- JSON and JSON Lines

    @Test
    void wrongNumberOfChoicesInJsonLines() throws Exception {
        Path file = write("wmdp-bio.jsonl", """
                {"question": "Q0?", "choices": ["a", "b", "c", "d"], "answer": 0}
                {"question": "Q1?", "choices": ["a", "b", "c", "d", "e"], "answer": 0}
                """);

        assertFails(() -> Datasets.wmdp(dir, WmdpDomain.BIO))
                .hasMessage(file + ": line 2 (1-based), row 1 (0-based): field 'choices' has 5 options, expected 4");
    }

    @Test
    void malformedJsonLine() throws Exception {
        Path file = write("wmdp-bio.jsonl", """
                {"question": "Q0?", "choices": ["a", "b", "c", "d"], "answer": 0}
                {"question": "Q1?", "choices": ["a", "b", "c", "d"], "answer": 0
                """);

        assertFails(() -> Datasets.wmdp(dir, WmdpDomain.BIO))
                .hasMessageStartingWith(file + ": line 2 (1-based), row 1 (0-based): malformed JSON");
    }

    @Test
    void blankJsonLine() throws Exception {
        Path file = write("wmdp-bio.jsonl", """
                {"question": "Q0?", "choices": ["a", "b", "c", "d"], "answer": 0}

                {"question": "Q1?", "choices": ["a", "b", "c", "d"], "answer": 0}
                """);

        assertFails(() -> Datasets.wmdp(dir, WmdpDomain.BIO))
                .hasMessageStartingWith(file + ": line 2 (1-based), row 1 (0-based): blank line");
    }

    @Test
    void missingFieldInJsonArray() throws Exception {
        Path file = write("wmdp-bio.json", """
                [
                  {"question": "Q0?", "choices": ["a", "b", "c", "d"], "answer": 0},
                  {"question": "Q1?",
                   "choices": ["a", "b", "c", "d"]}
                ]
                """);

        assertFails(() -> Datasets.wmdp(dir, WmdpDomain.BIO))
                .hasMessage(file + ": line 3 (1-based), row 1 (0-based): field 'answer' is missing");
    }

    @Test
    void answerOfTheWrongTypeInJson() throws Exception {
        Path file = write("wmdp-bio.json", """
                [{"question": "Q0?", "choices": ["a", "b", "c", "d"], "answer": "B"}]
                """);

        assertFails(() -> Datasets.wmdp(dir, WmdpDomain.BIO))
                .hasMessage(file + ": line 1 (1-based), row 0 (0-based): field 'answer' is \"B\", expected an integer");
    }

    @Test
    void duplicateKeyInJson() throws Exception {
        Path file = write("wmdp-bio.json", """
                [{"question": "Q0?", "choices": ["a", "b", "c", "d"], "answer": 0, "answer": 2}]
                """);

        assertFails(() -> Datasets.wmdp(dir, WmdpDomain.BIO))
                .hasMessageStartingWith(file + ": line 1 (1-based), row 0 (0-based): malformed JSON: Duplicate field 'answer'");
    }

    @Test
    void truncatedJsonArray() throws Exception {
        Path file = write("wmdp-bio.json", """
                [
                  {"question": "Q0?", "choices": ["a", "b", "c", "d"], "answer": 0},
                """);

        assertFails(() -> Datasets.wmdp(dir, WmdpDomain.BIO))
                .hasMessageStartingWith(file + ": line 3 (1-based), row 1 (0-based): malformed JSON: Unexpected end-of-input");
    }

    @Test
    void notAJsonArray() throws Exception {
        Path file = write("wmdp-bio.json", """
                {"question": "Q0?", "choices": ["a", "b", "c", "d"], "answer": 0}
                """);

        assertFails(() -> Datasets.wmdp(dir, WmdpDomain.BIO))
                .hasMessage(file + ": line 1 (1-based), row 0 (0-based): expected a JSON array of question objects");
    }

    @Test
    void contentAfterTheJsonArray() throws Exception {
        Path file = write("wmdp-bio.json", """
                [{"question": "Q0?", "choices": ["a", "b", "c", "d"], "answer": 0}]
                [{"question": "Q1?", "choices": ["a", "b", "c", "d"], "answer": 1}]
                """);

        assertFails(() -> Datasets.wmdp(dir, WmdpDomain.BIO))
                .hasMessage(file + ": line 2 (1-based), row 1 (0-based): content after the end of the JSON array");
    }

    @Test
    void emptyJsonArray() throws Exception {
        Path file = write("wmdp-bio.json", "[]\n");

        assertFails(() -> Datasets.wmdp(dir, WmdpDomain.BIO)).hasMessage(file + ": holds no questions");
    }

    // ---- MMLU CSV

    @Test
    void badAnswerLetterAfterAMultiLineRecord() throws Exception {
        Path file = csv("test", "virology_test.csv",
                "Q0?,a,b,c,d,A\r\n\"Q1, over\r\ntwo lines?\",a,b,c,d,B\r\nQ2?,a,b,c,d,E\r\n");

        assertFails(() -> Datasets.mmlu(dir).test("virology"))
                .hasMessage(file + ": line 4 (1-based), row 2 (0-based): field 'answer' (column 6) is 'E',"
                        + " expected one of A, B, C, D");
    }

    @Test
    void emptyQuestion() throws Exception {
        Path file = csv("test", "virology_test.csv", "Q0?,a,b,c,d,A\r\n\"\",a,b,c,d,B\r\n");

        assertFails(() -> Datasets.mmlu(dir).test("virology"))
                .hasMessage(file + ": line 2 (1-based), row 1 (0-based): field 'question' is empty");
    }

    @Test
    void unterminatedQuote() throws Exception {
        Path file = csv("test", "virology_test.csv", "Q0?,a,b,c,d,A\r\n\"Q1 never closed,a,b,c,d,B\r\nQ2?,a,b,c,d,C\r\n");

        assertFails(() -> Datasets.mmlu(dir).test("virology"))
                .hasMessageStartingWith(file + ": line 2 (1-based), row 1 (0-based): malformed CSV");
    }

    @Test
    void textAfterAClosingQuote() throws Exception {
        Path file = csv("test", "virology_test.csv", "Q0?,a,b,c,d,A\r\nQ1?,a,b,c,d,B\r\n\"Q2\"?,a,b,c,d,C\r\n");

        assertFails(() -> Datasets.mmlu(dir).test("virology"))
                .hasMessageStartingWith(file + ": line 3 (1-based), row 2 (0-based): malformed CSV");
    }

    @Test
    void wrongColumnCount() throws Exception {
        Path file = csv("test", "virology_test.csv", "Q0?,a,b,c,d,A\r\nQ1?,a,b,c,B\r\n");

        assertFails(() -> Datasets.mmlu(dir).test("virology"))
                .hasMessage(file + ": line 2 (1-based), row 1 (0-based): has 5 columns, expected 6"
                        + " (question, A, B, C, D, answer)");
    }

    @Test
    void invalidUtf8() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("test"));
        Path file = folder.resolve("virology_test.csv");
        byte[] bad = "Q0?,a,b,c,d,A\r\nQ1 \u00ff?,a,b,c,d,B\r\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, bad);

        assertFails(() -> Datasets.mmlu(dir).test("virology"))
                .hasMessage(file + ": line 2 (1-based): is not valid UTF-8 (byte offset 18)");
    }

    @Test
    void emptyCsvFile() throws Exception {
        Path file = csv("test", "virology_test.csv", "");

        assertFails(() -> Datasets.mmlu(dir).test("virology"))
                .hasMessage(file + ": holds no test questions for subject virology");
    }

    @Test
    void missingSplit() throws Exception {
        csv("test", "virology_test.csv", "Q0?,a,b,c,d,A\r\n");

        assertFails(() -> Datasets.mmlu(dir).dev("virology"))
                .hasMessage(dir.resolve("dev/virology_dev.csv") + ": no MMLU dev file for subject 'virology'");
    }

    // ---- Sets, folders, files

    @Test
    void duplicateIds() {
        Question first = new Question("x/1", "x", "Q0?", FOUR, 0);
        Question other = new Question("x/2", "x", "Q1?", FOUR, 0);
        Question again = new Question("x/1", "x", "Q2?", FOUR, 1);

        assertThatThrownBy(() -> new QuestionSet("x", List.of(first, other, again), "custom.jsonl", "0"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("custom.jsonl: rows 0 and 2 (0-based) have the same question id 'x/1'");
    }

    @Test
    void emptyFolderHasNoWmdpDomain() {
        assertFails(() -> Datasets.wmdp(dir, WmdpDomain.CYBER))
                .hasMessageStartingWith(dir + ": no wmdp-cyber data: looked for " + dir.resolve("wmdp-cyber"));
    }

    @Test
    void emptyFolderHasNoMmlu() {
        assertFails(() -> Datasets.mmlu(dir)).hasMessageStartingWith(dir + ": no MMLU data");
    }

    @Test
    void missingRootFolder() {
        Path missing = dir.resolve("nowhere");

        assertFails(() -> Datasets.wmdp(missing, WmdpDomain.BIO)).hasMessage(missing + ": no such folder");
    }

    @Test
    void unknownFileFormat() throws Exception {
        Path file = write("wmdp-bio.csv", "Q0?,a,b,c,d,A\n");

        assertFails(() -> Datasets.wmdpFile(file, WmdpDomain.BIO))
                .hasMessage(file + ": unknown format, expected .parquet, .jsonl or .json");
    }

    // ---- helpers

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(ThrowingCallable load) {
        return assertThatThrownBy(load).isInstanceOf(DatasetException.class);
    }

    private static Group wmdpRow(String question, List<String> choices, Long answer) {
        return TestParquet.row(WmdpParquetWriter.SCHEMA, question, null, choices, answer);
    }

    private Path wmdpParquet(Group... rows) throws Exception {
        Path file = dir.resolve("wmdp.parquet");
        TestParquet.write(file, WmdpParquetWriter.SCHEMA, List.of(rows));
        return file;
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Path csv(String split, String name, String content) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(split));
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }
}

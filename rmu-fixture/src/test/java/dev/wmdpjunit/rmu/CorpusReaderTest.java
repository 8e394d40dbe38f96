package dev.wmdpjunit.rmu;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusReaderTest {

    @TempDir
    Path dir;

    @Test
    void jsonlTakesTheTextFieldOfEveryLine() throws IOException {
        Path file = write("forget.jsonl", "{\"text\": \"The moon of Zorbia is green.\", \"id\": 1}\n"
                + "{\"title\": \"t\", \"text\": \"Second \\u00e9 doc\"}\n");
        assertThat(CorpusReader.read(new CorpusSource(file, CorpusFormat.JSONL), 0))
                .containsExactly("The moon of Zorbia is green.", "Second \u00e9 doc");
    }

    @Test
    void minLengthKeepsOnlyLongerDocumentsCountedInCodePoints() throws IOException {
        // "\uD83D\uDE00" is one code point (Python len 1) but two Java chars.
        Path file = write("docs.txt", "abc\nab\n\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\nabcd\n");
        assertThat(CorpusReader.read(new CorpusSource(file, CorpusFormat.TEXT_LINES), 2))
                .containsExactly("abc", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", "abcd");
        assertThat(CorpusReader.read(new CorpusSource(file, CorpusFormat.TEXT_LINES), 3)).containsExactly("abcd");
    }

    @Test
    void rawLinesKeepTheirNewlineAsPythonIteratesThem() throws IOException {
        Path file = write("cyber.jsonl", "{\"text\": \"a\"}\r\nsecond\nlast without newline");
        assertThat(CorpusReader.read(new CorpusSource(file, CorpusFormat.RAW_LINES), 0))
                .containsExactly("{\"text\": \"a\"}\n", "second\n", "last without newline");
    }

    @Test
    void wikitextRowsKeepTheNewlineAndBlankLinesAreEmptyAndDropped() throws IOException {
        Path file = write("wiki.test.raw", " \n = Robert Boulter = \n \n Robert Boulter is an invented actor .\n");
        assertThat(CorpusReader.read(new CorpusSource(file, CorpusFormat.WIKITEXT_RAW), 0))
                .containsExactly(" = Robert Boulter = \n", " Robert Boulter is an invented actor .\n");
        assertThat(CorpusSource.of(file).format()).isEqualTo(CorpusFormat.WIKITEXT_RAW);
    }

    @Test
    void parquetReadsTheTextColumnInFileOrder() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message schema { optional binary title (STRING); optional binary text (STRING); optional int64 n; }");
        Path file = parquet(schema, List.of(row(schema, "first doc"), row(schema, "second doc")));
        assertThat(CorpusReader.read(CorpusSource.of(file), 0)).containsExactly("first doc", "second doc");
    }

    @Test
    void badJsonlLinesNameTheFileAndLine() throws IOException {
        assertBad("bad.jsonl", "{\"text\": \"ok\"}\n{\"text\": \"ok\"}\n{\"text\": oops}\n", "bad.jsonl: line 3", "not valid JSON");
        assertBad("missing.jsonl", "{\"text\": \"ok\"}\n{\"body\": \"x\"}\n", "missing.jsonl: line 2", "'text' is missing");
        assertBad("number.jsonl", "{\"text\": 7}\n", "number.jsonl: line 1", "expected a string");
        assertBad("blank.jsonl", "{\"text\": \"ok\"}\n\n{\"text\": \"ok\"}\n", "blank.jsonl: line 2", "JSON object");
        assertBad("array.jsonl", "[\"text\"]\n", "array.jsonl: line 1", "JSON object");
        assertBad("trailing.jsonl", "{\"text\": \"ok\"} {\"text\": \"again\"}\n", "trailing.jsonl: line 1", "not valid JSON");
    }

    @Test
    void invalidUtf8NamesTheLine() throws IOException {
        Path file = dir.resolve("latin1.txt");
        byte[] bytes = "good\nalso good\nbad \u00e9 here\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, bytes);
        assertThatThrownBy(() -> CorpusReader.read(CorpusSource.of(file), 0))
                .isInstanceOf(CorpusException.class)
                .hasMessageContaining("latin1.txt: line 3 (1-based)").hasMessageContaining("UTF-8");
    }

    @Test
    void badParquetNamesTheFileAndRow() throws IOException {
        MessageType noText = MessageTypeParser.parseMessageType("message schema { optional binary body (STRING); }");
        Path missing = parquet(noText, List.of(new SimpleGroupFactory(noText).newGroup().append("body", "x")));
        assertThatThrownBy(() -> CorpusReader.read(CorpusSource.of(missing), 0))
                .isInstanceOf(CorpusException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("column 'text' is missing").hasMessageContaining("[body]");

        MessageType schema = MessageTypeParser.parseMessageType("message schema { optional binary text (STRING); }");
        Path withNull = parquet(schema, List.of(row(schema, "fine"), new SimpleGroupFactory(schema).newGroup()));
        assertThatThrownBy(() -> CorpusReader.read(CorpusSource.of(withNull), 0))
                .isInstanceOf(CorpusException.class)
                .hasMessageContaining(withNull + ": row 1 (0-based): field 'text' is null");

        MessageType numeric = MessageTypeParser.parseMessageType("message schema { optional int64 text; }");
        Path wrongType = parquet(numeric, List.of(new SimpleGroupFactory(numeric).newGroup().append("text", 3L)));
        assertThatThrownBy(() -> CorpusReader.read(CorpusSource.of(wrongType), 0))
                .isInstanceOf(CorpusException.class).hasMessageContaining("expected a string");
    }

    private void assertBad(String name, String content, String place, String problem) throws IOException {
        Path file = write(name, content);
        assertThatThrownBy(() -> CorpusReader.read(CorpusSource.of(file), 0))
                .isInstanceOf(CorpusException.class)
                .hasMessageContaining(dir.resolve(place).toString())
                .hasMessageContaining(problem);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Group row(MessageType schema, String text) {
        Group row = new SimpleGroupFactory(schema).newGroup().append("text", text);
        if (schema.containsField("title")) {
            row.append("title", "title of " + text).append("n", 1L);
        }
        return row;
    }

    private Path parquet(MessageType schema, List<Group> rows) throws IOException {
        Path file = Files.createTempFile(dir, "corpus-", ".parquet");
        Files.delete(file);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration()).withType(schema).build()) {
            for (Group row : rows) {
                writer.write(row);
            }
        }
        return file;
    }
}

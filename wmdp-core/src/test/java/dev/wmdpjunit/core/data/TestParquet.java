package dev.wmdpjunit.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes Parquet files of any schema for tests (bad files, MMLU layouts), and reads footers. */
final class TestParquet {

    /** The cais/mmlu schema: the WMDP one plus a {@code subject} string. */
    static final MessageType MMLU_SCHEMA = MessageTypeParser.parseMessageType("""
            message schema {
              optional binary question (STRING);
              optional binary subject (STRING);
              optional group choices (LIST) {
                repeated group list {
                  optional binary element (STRING);
                }
              }
              optional int64 answer;
            }""");

    private TestParquet() {
    }

    static void write(Path file, MessageType schema, List<Group> rows) throws IOException {
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build()) {
            for (Group row : rows) {
                writer.write(row);
            }
        }
    }

    /** A row of a schema with (some of) question, subject, choices, answer; null values are left out. */
    static Group row(MessageType schema, String question, String subject, List<String> choices, Long answer) {
        Group row = new SimpleGroupFactory(schema).newGroup();
        if (question != null) {
            row.append("question", question);
        }
        if (subject != null) {
            row.append("subject", subject);
        }
        if (choices != null) {
            Group list = row.addGroup("choices");
            for (String choice : choices) {
                Group element = list.addGroup("list");
                if (choice != null) {
                    element.append("element", choice);
                }
            }
        }
        if (answer != null) {
            row.append("answer", answer);
        }
        return row;
    }

    /** The MMLU-schema rows of a set, every row tagged with {@code subject}. */
    static List<Group> mmluRows(QuestionSet questions) {
        return questions.questions().stream()
                .map(q -> row(MMLU_SCHEMA, q.question(), q.subject(), q.choices(), (long) q.answer()))
                .toList();
    }

    static ParquetMetadata footer(Path file) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            return reader.getFooter();
        }
    }
}

package dev.wmdpjunit.core.data;

import dev.wmdpjunit.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes a {@link QuestionSet} as one Parquet file in the exact schema of the Hugging Face dataset
 * {@code cais/wmdp}, snappy-compressed, as pyarrow writes it (3-level LIST for {@code choices}):
 *
 * <pre>
 * message schema {
 *   optional binary question (STRING);
 *   optional group choices (LIST) { repeated group list { optional binary element (STRING); } }
 *   optional int64 answer;
 * }
 * </pre>
 *
 * Only the question, choices and answer of each item are stored, in set order; the WMDP loader reads the file
 * back with ids {@code <domain>/<row>}. Use it to export a set, or to make WMDP-layout fixtures
 * ({@code <root>/wmdp-bio/test-00000-of-00001.parquet}).
 */
public final class WmdpParquetWriter {

    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message schema {
              optional binary question (STRING);
              optional group choices (LIST) {
                repeated group list {
                  optional binary element (STRING);
                }
              }
              optional int64 answer;
            }""");

    private WmdpParquetWriter() {
    }

    /** Writes {@code questions} to {@code file} atomically: readers see the old file or the complete new one. */
    public static void write(QuestionSet questions, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new StreamOutputFile(out))
                    .withConf(new PlainParquetConfiguration())
                    .withType(SCHEMA)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .build()) {
                SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
                for (Question question : questions.questions()) {
                    writer.write(toRow(rows, question));
                }
            }
        });
    }

    private static Group toRow(SimpleGroupFactory rows, Question question) {
        Group row = rows.newGroup().append(ParquetQuestionFile.QUESTION, question.question());
        Group choices = row.addGroup(ParquetQuestionFile.CHOICES);
        for (String choice : question.choices()) {
            choices.addGroup("list").append("element", choice);
        }
        return row.append(ParquetQuestionFile.ANSWER, (long) question.answer());
    }
}

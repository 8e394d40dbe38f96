package dev.wmdpjunit.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.testing.SyntheticQuestions;
import dev.wmdpjunit.core.testing.WmdpFixtureFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WmdpLoadingTest {

    @Test
    void fixtureFolderRoundTripsThroughWriterAndLoader(@TempDir Path root) throws Exception {
        Map<WmdpDomain, QuestionSet> written = WmdpFixtureFolder.write(root, 25, 7);

        for (WmdpDomain domain : WmdpDomain.values()) {
            Path shard = root.resolve(domain.id()).resolve(WmdpFixtureFolder.SHARD);
            QuestionSet read = Datasets.wmdp(root, domain);

            assertThat(read.questions()).isEqualTo(written.get(domain).questions());
            assertThat(read.name()).isEqualTo(domain.id());
            assertThat(read.source()).isEqualTo(root.resolve(domain.id()).toString());
            assertThat(read.sha256()).isEqualTo(Sha256.ofFile(shard));
        }
    }

    @Test
    void writerIsDeterministicSoTheHashIsStable(@TempDir Path dir) throws Exception {
        QuestionSet questions = SyntheticQuestions.wmdp(WmdpDomain.CYBER, 40, 3);
        WmdpParquetWriter.write(questions, dir.resolve("a.parquet"));
        WmdpParquetWriter.write(questions, dir.resolve("b.parquet"));

        String sha = Datasets.wmdpFile(dir.resolve("a.parquet"), WmdpDomain.CYBER).sha256();

        assertThat(Datasets.wmdpFile(dir.resolve("a.parquet"), WmdpDomain.CYBER).sha256()).isEqualTo(sha);
        assertThat(Datasets.wmdpFile(dir.resolve("b.parquet"), WmdpDomain.CYBER).sha256()).isEqualTo(sha);
        assertThat(Files.readAllBytes(dir.resolve("b.parquet"))).isEqualTo(Files.readAllBytes(dir.resolve("a.parquet")));
    }

    @Test
    void writerUsesTheHuggingFaceSchemaWithSnappyAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.parquet");
        WmdpParquetWriter.write(SyntheticQuestions.wmdp(WmdpDomain.BIO, 5, 1), file);

        var footer = TestParquet.footer(file);
        assertThat(footer.getFileMetaData().getSchema()).isEqualTo(WmdpParquetWriter.SCHEMA);
        assertThat(footer.getBlocks().get(0).getColumns())
                .allSatisfy(column -> assertThat(column.getCodec()).isEqualTo(CompressionCodecName.SNAPPY));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void loadsOneDomainWithoutTheOthers(@TempDir Path root) throws Exception {
        QuestionSet chem = SyntheticQuestions.wmdp(WmdpDomain.CHEM, 4, 2);
        WmdpParquetWriter.write(chem, root.resolve("wmdp-chem").resolve(WmdpFixtureFolder.SHARD));

        assertThat(Datasets.wmdp(root, WmdpDomain.CHEM).questions()).isEqualTo(chem.questions());
        assertThatThrownBy(() -> Datasets.wmdp(root, WmdpDomain.BIO))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("no wmdp-bio data")
                .hasMessageContaining(root.resolve("wmdp-bio").toString());
    }

    @Test
    void concatenatesShardsInNameOrderAndNumbersRowsAcrossThem(@TempDir Path root) throws Exception {
        List<Question> all = SyntheticQuestions.wmdp(WmdpDomain.BIO, 9, 5).questions();
        Path folder = root.resolve("wmdp-bio");
        Path first = folder.resolve("test-00000-of-00002.parquet");
        Path second = folder.resolve("test-00001-of-00002.parquet");
        // Written second-shard-first, so name order and not creation order must decide.
        WmdpParquetWriter.write(set(all.subList(6, 9)), second);
        WmdpParquetWriter.write(set(all.subList(0, 6)), first);

        QuestionSet read = Datasets.wmdp(root, WmdpDomain.BIO);

        assertThat(read.questions()).isEqualTo(all);
        assertThat(read.questions().get(6).id()).isEqualTo("wmdp-bio/6");
        assertThat(read.sha256()).isEqualTo(Sha256.ofFiles(List.of(first, second)));
    }

    @Test
    void findsJsonLinesBesideTheFoldersAndJsonInsideThem(@TempDir Path root) throws Exception {
        List<Question> cyber = SyntheticQuestions.wmdp(WmdpDomain.CYBER, 3, 11).questions();
        Files.writeString(root.resolve("wmdp-cyber.jsonl"), jsonLines(cyber), StandardCharsets.UTF_8);
        List<Question> bio = SyntheticQuestions.wmdp(WmdpDomain.BIO, 3, 12).questions();
        Files.createDirectories(root.resolve("wmdp-bio"));
        Files.writeString(root.resolve("wmdp-bio/test.json"), "[" + String.join(",\n", objects(bio)) + "]",
                StandardCharsets.UTF_8);

        assertThat(Datasets.wmdp(root, WmdpDomain.CYBER).questions()).isEqualTo(cyber);
        assertThat(Datasets.wmdp(root, WmdpDomain.CYBER).source()).isEqualTo(root.resolve("wmdp-cyber.jsonl").toString());
        assertThat(Datasets.wmdp(root, WmdpDomain.BIO).questions()).isEqualTo(bio);
    }

    @Test
    void refusesToGuessBetweenTwoFormsOfOneDomain(@TempDir Path root) throws Exception {
        QuestionSet bio = SyntheticQuestions.wmdp(WmdpDomain.BIO, 3, 1);
        WmdpParquetWriter.write(bio, root.resolve("wmdp-bio").resolve(WmdpFixtureFolder.SHARD));
        Files.writeString(root.resolve("wmdp-bio.jsonl"), jsonLines(bio.questions()), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Datasets.wmdp(root, WmdpDomain.BIO))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("more than one form")
                .hasMessageContaining("wmdp-bio.jsonl")
                .hasMessageContaining(WmdpFixtureFolder.SHARD);
    }

    @Test
    void readsInt32AnswersAndIgnoresExtraColumns(@TempDir Path dir) throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("""
                message schema {
                  optional binary id (STRING);
                  optional binary question (STRING);
                  optional group choices (LIST) { repeated group list { optional binary element (STRING); } }
                  optional int32 answer;
                }""");
        Group row = new SimpleGroupFactory(schema).newGroup().append("id", "q-17").append("question", "Q?");
        Group choices = row.addGroup("choices");
        for (String choice : List.of("a", "b", "c", "d")) {
            choices.addGroup("list").append("element", choice);
        }
        row.append("answer", 3);
        Path file = dir.resolve("custom.parquet");
        TestParquet.write(file, schema, List.of(row));

        assertThat(Datasets.wmdpFile(file, WmdpDomain.BIO).questions())
                .containsExactly(new Question("wmdp-bio/0", "wmdp-bio", "Q?", List.of("a", "b", "c", "d"), 3));
    }

    @Test
    void domainsAreKnownByTheirHuggingFaceNames() {
        for (WmdpDomain domain : WmdpDomain.values()) {
            assertThat(WmdpDomain.fromId(domain.id())).isEqualTo(domain);
        }
        assertThat(WmdpDomain.BIO.id()).isEqualTo("wmdp-bio");
        assertThatThrownBy(() -> WmdpDomain.fromId("wmdp-physics"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wmdp-physics");
    }

    private static QuestionSet set(List<Question> questions) {
        return new QuestionSet("part", questions, "test", "0");
    }

    private static String jsonLines(List<Question> questions) {
        return String.join("\n", objects(questions)) + "\n";
    }

    private static List<String> objects(List<Question> questions) {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (Question q : questions) {
            lines.add(mapper.createObjectNode()
                    .put("question", q.question())
                    .put("answer", q.answer())
                    .set("choices", mapper.valueToTree(q.choices()))
                    .toString());
        }
        return lines;
    }
}

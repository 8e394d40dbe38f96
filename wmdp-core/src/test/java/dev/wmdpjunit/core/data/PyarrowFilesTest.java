package dev.wmdpjunit.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads files that pyarrow 25 wrote (src/test/resources/.../pyarrow, made by make_fixtures.py there), the
 * independent reference for the Hugging Face layout, and checks that our writer emits the same schema.
 */
class PyarrowFilesTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(PyarrowFilesTest.class.getResource("pyarrow/" + name).toURI());
    }

    @Test
    void readsSnappyFileWithTwoRowGroupsAndColumnsInHuggingFaceOrder() throws Exception {
        Path file = fixture("wmdp-snappy.parquet");
        assertThat(TestParquet.footer(file).getFileMetaData().getCreatedBy()).startsWith("parquet-cpp-arrow");
        assertThat(TestParquet.footer(file).getBlocks()).hasSize(2);

        QuestionSet bio = Datasets.wmdpFile(file, WmdpDomain.BIO);

        assertThat(bio.name()).isEqualTo("wmdp-bio");
        assertThat(bio.size()).isEqualTo(6);
        assertThat(bio.questions().get(0)).isEqualTo(new Question("wmdp-bio/0", "wmdp-bio",
                "What colour is the glimmerfern of the fictional planet Quorra?",
                List.of("teal", "amber", "violet", "silver"), 2));
        // Row 4 sits in the second row group.
        assertThat(bio.questions().get(4).question()).isEqualTo("In which season is the lantern newt first seen on Quorra?");
        assertThat(bio.questions().get(4).answer()).isEqualTo(1);
        assertThat(bio.questions().get(2).question())
                .isEqualTo("Read the Quorra almanac line:\n\"Moons rise, then the «skyreed» sings\"\nWhat sings?");
        assertThat(bio.questions().get(5).choices().get(3)).isEqualTo("日本茶 (green tea)");
    }

    @Test
    void zstdGzipJsonAndJsonLinesHoldTheSameQuestionsAsSnappy() throws Exception {
        List<Question> snappy = Datasets.wmdpFile(fixture("wmdp-snappy.parquet"), WmdpDomain.CHEM).questions();

        for (String name : List.of("wmdp-zstd.parquet", "wmdp-gzip.parquet", "wmdp.json", "wmdp.jsonl")) {
            assertThat(Datasets.wmdpFile(fixture(name), WmdpDomain.CHEM).questions()).as(name).isEqualTo(snappy);
        }
    }

    @Test
    void writerEmitsPyarrowsSchema() throws Exception {
        MessageType pyarrow = TestParquet.footer(fixture("wmdp-snappy.parquet")).getFileMetaData().getSchema();

        for (String column : List.of("question", "choices", "answer")) {
            assertThat(WmdpParquetWriter.SCHEMA.getType(column)).as(column).isEqualTo(pyarrow.getType(column));
        }
        assertThat(WmdpParquetWriter.SCHEMA.getFieldCount()).isEqualTo(pyarrow.getFieldCount());
    }

    @Test
    void readsMmluAllFolderSplittingRowsBySubject(@TempDir Path root) throws Exception {
        Path all = Files.createDirectories(root.resolve("all"));
        Files.copy(fixture("mmlu-all-test.parquet"), all.resolve("test-00000-of-00001.parquet"));

        Mmlu mmlu = Datasets.mmlu(root);

        assertThat(mmlu.subjects()).containsExactly("quorra_botany", "quorra_geology");
        QuestionSet geology = mmlu.test("quorra_geology");
        assertThat(geology.name()).isEqualTo("mmlu:quorra_geology");
        assertThat(geology.questions()).extracting(Question::id)
                .containsExactly("mmlu/quorra_geology/test/0", "mmlu/quorra_geology/test/1");
        assertThat(geology.questions().get(1).question())
                .isEqualTo("What does a Quorran sunstone smell of, according to the guide?");
        assertThat(geology.questions().get(1).subject()).isEqualTo("quorra_geology");
        assertThat(mmlu.test("quorra_botany").size()).isEqualTo(4);
    }
}

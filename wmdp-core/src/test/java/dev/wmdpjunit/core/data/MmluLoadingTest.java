package dev.wmdpjunit.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.testing.SharedFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MMLU from the shared folder (Hendrycks CSV layout), and the same data re-laid out as Hugging Face Parquet. */
class MmluLoadingTest {

    /** The subjects the WMDP paper reports as retained knowledge, with their test row counts. */
    private static final List<String> RETAINED =
            List.of("college_biology", "virology", "college_computer_science", "computer_security");

    private static Path csvRoot;
    private static Mmlu csv;

    @BeforeAll
    static void openSharedMmlu() {
        csvRoot = SharedFolder.mmlu();
        assertThat(csvRoot).as("shared MMLU folder").isDirectory();
        csv = Datasets.mmlu(csvRoot);
    }

    @Test
    void fullReleaseHas57SubjectsWith14042TestAnd285DevRows() {
        List<String> subjects = csv.subjects();
        int test = 0;
        int dev = 0;
        for (String subject : subjects) {
            test += csv.test(subject).size();
            QuestionSet devSet = csv.dev(subject);
            assertThat(devSet.size()).as(subject + " dev").isEqualTo(5);
            dev += devSet.size();
        }

        assertThat(subjects).hasSize(57).isSorted().contains("abstract_algebra", "world_religions");
        assertThat(test).isEqualTo(14_042);
        assertThat(dev).isEqualTo(285);
    }

    @Test
    void retainedKnowledgeSubjectsHaveThePublishedCounts() {
        assertThat(RETAINED.stream().map(subject -> csv.test(subject).size()).toList())
                .containsExactly(144, 166, 100, 100);
    }

    @Test
    void virologyQuestionsMatchTheCsvVerbatim() {
        Path file = csvRoot.resolve("test/virology_test.csv");
        QuestionSet virology = csv.test("virology");

        // Line 1: How many human polyomaviruses are known at present?,100,1,10,unknown,A
        assertThat(virology.questions().get(0)).isEqualTo(new Question("mmlu/virology/test/0", "virology",
                "How many human polyomaviruses are known at present?", List.of("100", "1", "10", "unknown"), 0));
        // Line 3 has a quoted field holding a comma, and answer B.
        assertThat(virology.questions().get(2).question()).isEqualTo("Globally, the most deaths are caused by:");
        assertThat(virology.questions().get(2).answer()).isEqualTo(1);
        assertThat(virology.name()).isEqualTo("mmlu:virology");
        assertThat(virology.source()).isEqualTo(file.toString());
        assertThat(virology.sha256()).isEqualTo(Sha256.ofFile(file));
    }

    @Test
    void devSetIsTheSubjectsFewShotExamplesInOrder() {
        QuestionSet dev = csv.dev("college_biology");

        assertThat(dev.questions()).extracting(Question::id)
                .containsExactly("mmlu/college_biology/dev/0", "mmlu/college_biology/dev/1",
                        "mmlu/college_biology/dev/2", "mmlu/college_biology/dev/3", "mmlu/college_biology/dev/4");
        assertThat(dev.sha256()).isEqualTo(Sha256.ofFile(csvRoot.resolve("dev/college_biology_dev.csv")));
    }

    @Test
    void huggingFaceSubjectFoldersGiveTheSameSetsAsTheCsv(@TempDir Path root) throws Exception {
        for (String subject : RETAINED) {
            for (MmluSplit split : List.of(MmluSplit.DEV, MmluSplit.TEST)) {
                Path folder = Files.createDirectories(root.resolve(subject));
                TestParquet.write(folder.resolve(split.id() + "-00000-of-00001.parquet"), TestParquet.MMLU_SCHEMA,
                        TestParquet.mmluRows(csv.load(subject, split)));
            }
        }
        // The dataset's other folders are not subjects.
        Files.createDirectories(root.resolve("auxiliary_train"));

        Mmlu parquet = Datasets.mmlu(root);

        assertThat(parquet.subjects()).containsExactlyInAnyOrderElementsOf(RETAINED);
        for (String subject : RETAINED) {
            assertThat(parquet.test(subject).questions()).isEqualTo(csv.test(subject).questions());
            assertThat(parquet.dev(subject).questions()).isEqualTo(csv.dev(subject).questions());
            assertThat(parquet.test(subject).name()).isEqualTo("mmlu:" + subject);
        }
    }

    @Test
    void huggingFaceAllFolderGivesTheSameSetsAsTheCsv(@TempDir Path root) throws Exception {
        Path all = Files.createDirectories(root.resolve("all"));
        for (MmluSplit split : List.of(MmluSplit.DEV, MmluSplit.TEST)) {
            List<Group> rows = new ArrayList<>();
            for (String subject : RETAINED.stream().sorted().toList()) {
                rows.addAll(TestParquet.mmluRows(csv.load(subject, split)));
            }
            TestParquet.write(all.resolve(split.id() + "-00000-of-00001.parquet"), TestParquet.MMLU_SCHEMA, rows);
        }

        Mmlu parquet = Datasets.mmlu(root);

        assertThat(parquet.subjects()).isEqualTo(RETAINED.stream().sorted().toList());
        for (String subject : RETAINED) {
            assertThat(parquet.test(subject).questions()).isEqualTo(csv.test(subject).questions());
            assertThat(parquet.dev(subject).questions()).isEqualTo(csv.dev(subject).questions());
        }
        assertThat(parquet.test("virology").sha256())
                .isEqualTo(Sha256.ofFile(all.resolve("test-00000-of-00001.parquet")));
    }

    @Test
    void aFolderHoldingBothLayoutsIsRefused(@TempDir Path root) throws Exception {
        Path test = Files.createDirectories(root.resolve("test"));
        Files.copy(csvRoot.resolve("test/virology_test.csv"), test.resolve("virology_test.csv"));
        Files.createDirectories(root.resolve("virology"));
        TestParquet.write(root.resolve("virology/test-00000-of-00001.parquet"), TestParquet.MMLU_SCHEMA,
                TestParquet.mmluRows(csv.test("virology")));

        assertThatThrownBy(() -> Datasets.mmlu(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("both as CSV");
    }
}

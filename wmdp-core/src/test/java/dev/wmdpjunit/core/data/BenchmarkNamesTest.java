package dev.wmdpjunit.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wmdpjunit.core.testing.SyntheticQuestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkNamesTest {

    @Test
    void namesTellWhereQuestionsComeFromAndWhatKnowledgeTheyMeasure() {
        assertThat(BenchmarkNames.source("wmdp-bio")).isEqualTo(BenchmarkNames.Source.WMDP);
        assertThat(BenchmarkNames.source("mmlu:virology")).isEqualTo(BenchmarkNames.Source.MMLU);
        assertThat(BenchmarkNames.source("mmlu_virology")).isEqualTo(BenchmarkNames.Source.CUSTOM);
        assertThat(BenchmarkNames.mmluSubject("mmlu:virology")).contains("virology");
        assertThat(BenchmarkNames.mmluSubject("wmdp-bio")).isEmpty();

        assertThat(KnowledgeKind.BY_NAME.of("wmdp-cyber")).contains(KnowledgeKind.HAZARD);
        assertThat(KnowledgeKind.BY_NAME.of("mmlu:virology")).contains(KnowledgeKind.RETAIN);
        assertThat(KnowledgeKind.BY_NAME.of("my-set")).isEmpty();
        assertThat(KnowledgeKind.RETAIN.of("wmdp-bio")).isEqualTo(Optional.of(KnowledgeKind.RETAIN));
    }

    /** The engine finds questions by the ids it predicts from a benchmark's name: they must be the loaders' ids. */
    @Test
    void predictedIdsAreTheLoadersIds(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("questions.parquet");
        WmdpParquetWriter.write(SyntheticQuestions.wmdp(WmdpDomain.BIO, 3, 5), file);
        assertThat(Datasets.wmdpFile(file, WmdpDomain.BIO).questions().get(2).id())
                .isEqualTo(BenchmarkNames.questionIdPrefix("wmdp-bio") + 2);
        assertThat(Datasets.questionFile(file, "my-set").questions().get(1).id())
                .isEqualTo(BenchmarkNames.questionIdPrefix("my-set") + 1);

        Path csv = dir.resolve("mmlu").resolve("test").resolve("virology_test.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, "q0,a,b,c,d,A\nq1,a,b,c,d,B\nq2,a,b,c,d,C\n");
        QuestionSet mmlu = Datasets.mmlu(dir.resolve("mmlu")).test("virology");
        assertThat(mmlu.name()).isEqualTo(BenchmarkNames.mmlu("virology")).isEqualTo("mmlu:virology");
        assertThat(mmlu.questions().get(2).id()).isEqualTo("mmlu/virology/test/2")
                .isEqualTo(BenchmarkNames.questionIdPrefix(mmlu.name()) + 2);
    }
}

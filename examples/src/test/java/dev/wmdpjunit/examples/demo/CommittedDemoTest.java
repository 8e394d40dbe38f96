package dev.wmdpjunit.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.prompt.PromptFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data files committed under src/test/resources/demo are byte for byte what the generator writes for the
 * committed seed, and the committed model still answers as {@code scores.json} recorded when it was trained.
 */
class CommittedDemoTest {

    /** The committed demo, read from the source tree (Surefire runs in the module directory). */
    static final Path COMMITTED = Path.of("src", "test", "resources", "demo");

    @Test
    void dataFilesAreWhatTheGeneratorWrites(@TempDir Path generated) throws IOException {
        DemoFiles.writeData(DemoDataset.generate(RegenerateDemo.SEED), generated);
        for (DemoDomain domain : DemoDomain.values()) {
            for (Path file : List.of(DemoFiles.statements(generated, domain), DemoFiles.practice(generated, domain),
                    DemoFiles.questions(generated, domain))) {
                Path committed = COMMITTED.resolve(generated.relativize(file));
                assertThat(Files.readAllBytes(committed)).as(committed.toString()).isEqualTo(Files.readAllBytes(file));
            }
        }
    }

    /** DemoProbesTest relearns on the first half of the hazard practice corpus: 25 of the 50 substances. */
    @Test
    void relearningCorpusIsTheFirstHalfOfTheHazardPracticeCorpus() throws IOException {
        List<String> practice = Files.readAllLines(COMMITTED.resolve("corpus/demo-hazard-practice.jsonl"));
        assertThat(Files.readAllLines(COMMITTED.resolve("corpus/demo-hazard-relearn.jsonl")))
                .isEqualTo(practice.subList(0, practice.size() / 2));
    }

    @Test
    void committedQuestionsLoadThroughTheWmdpLoader() {
        for (DemoDomain domain : DemoDomain.values()) {
            QuestionSet set = DemoFiles.readQuestions(COMMITTED, domain);
            assertThat(set.name()).isEqualTo(domain.id());
            assertThat(set.questions())
                    .isEqualTo(DemoDataset.generate(RegenerateDemo.SEED).domain(domain).questions());
        }
    }

    @Test
    void committedModelAnswersAsRecordedWhenTrained() throws IOException {
        JsonNode recorded = new ObjectMapper().readTree(COMMITTED.resolve(DemoFiles.SCORES_FILE).toFile())
                .path("scores");
        for (PromptFormat format : RegenerateDemo.SCORED_FORMATS) {
            DemoEvaluation.score(COMMITTED, format).forEach((domain, results) -> {
                JsonNode scores = recorded.path(format.id()).path(domain.id());
                assertThat(DemoEvaluation.predictedLetters(results)).as(format.id() + " " + domain.id())
                        .isEqualTo(scores.path("predicted").asText());
                assertThat(DemoEvaluation.correct(results)).isEqualTo(scores.path("correct").asLong())
                        .isGreaterThanOrEqualTo(results.size() * 9L / 10);
            });
        }
    }
}

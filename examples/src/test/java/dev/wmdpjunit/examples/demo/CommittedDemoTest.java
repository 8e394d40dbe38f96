package dev.wmdpjunit.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.results.QuestionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files committed under src/test/resources/demo are what {@link RegenerateDemo} makes for the committed seed:
 * data and tokenizer files byte for byte, and a model that loads and scores exactly as recorded in scores.json.
 * (Training itself is not rerun here: it takes minutes.)
 */
class CommittedDemoTest {

    /** The committed demo, read from the source tree (Surefire runs in the module directory). */
    static final Path COMMITTED = Path.of("src", "test", "resources", "demo");
    private static final double MIN_ACCURACY = 0.8;

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

    @Test
    void tokenizerAndConfigFilesAreWhatTheGeneratorWrites(@TempDir Path generated) throws IOException {
        WordTokenizer tokenizer = RegenerateDemo.tokenizerFor(DemoDataset.generate(RegenerateDemo.SEED));
        tokenizer.write(generated);
        DemoModelConfig.write(tokenizer, generated);
        Path model = COMMITTED.resolve(DemoFiles.MODEL_DIRECTORY);
        for (String name : List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                "config.json", "generation_config.json")) {
            assertThat(Files.readAllBytes(model.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(generated.resolve(name)));
        }
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
    void modelScoresAsRecordedAndKnowsBothDomains() throws IOException {
        JsonNode recorded = new ObjectMapper().readTree(COMMITTED.resolve(DemoFiles.SCORES_FILE).toFile());
        assertThat(recorded.path("seed").asLong()).isEqualTo(RegenerateDemo.SEED);
        for (PromptFormat format : RegenerateDemo.SCORED_FORMATS) {
            Map<DemoDomain, List<QuestionResult>> results = DemoEvaluation.score(COMMITTED, format);
            for (DemoDomain domain : DemoDomain.values()) {
                JsonNode expected = recorded.path("scores").path(format.id()).path(domain.id());
                List<QuestionResult> actual = results.get(domain);
                assertThat(DemoEvaluation.predictedLetters(actual)).as(format.id() + " " + domain.id())
                        .isEqualTo(expected.path("predicted").asText());
                assertThat(DemoEvaluation.correct(actual)).isEqualTo(expected.path("correct").asLong());
                assertThat((double) DemoEvaluation.correct(actual) / actual.size()).as(format.id() + " " + domain.id())
                        .isGreaterThanOrEqualTo(MIN_ACCURACY);
            }
        }
    }
}

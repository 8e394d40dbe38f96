package dev.wmdpjunit.openai;

import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.openai.fixtures.ServedModelSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The wmdp-junit engine scores a suite through {@code wmdp.model=http://127.0.0.1:PORT/v1}. */
class EngineOverHttpTest {

    private static final String BENCHMARK = "mmlu:high_school_geography";
    private static final int LIMIT = 8;

    @TempDir
    Path dir;

    private static Map<String, String> configuration(String model, Path results) {
        Map<String, String> configuration = new HashMap<>(ServedStories.settings());
        configuration.put("wmdp.model", model);
        configuration.put("wmdp.mmlu", ServedStories.shared().resolve("data/mmlu").toString());
        configuration.put("wmdp.results", results.toString());
        configuration.put("wmdp.limit", String.valueOf(LIMIT));
        configuration.put("wmdp.batchSize", "4");
        configuration.put("wmdp.answers", "letters");
        configuration.put("wmdp.prompt", "lm-eval-0.4.9.2");
        return configuration;
    }

    private static EngineExecutionResults run(Map<String, String> configuration) {
        return EngineTestKit.engine("wmdp-junit").configurationParameters(configuration)
                .selectors(selectClass(ServedModelSuite.class)).execute();
    }

    private static DomainResult result(Path results) throws IOException {
        return ResultsJson.read(results.resolve(ServedModelSuite.class.getName())
                .resolve(ResultsJson.fileName(BENCHMARK))).result();
    }

    @Test
    void aSuiteScoredThroughHttpHasTheInJvmPerQuestionLoglikelihoods() throws IOException {
        Path inJvmResults = dir.resolve("in-jvm");
        Path httpResults = dir.resolve("http");
        try (ServedStories served = ServedStories.start(true)) {
            run(configuration(ServedStories.stories().toString(), inJvmResults)).testEvents().assertStatistics(
                    stats -> stats.succeeded(1).failed(0));
            run(configuration(served.server.baseUrl(), httpResults)).testEvents().assertStatistics(
                    stats -> stats.succeeded(1).failed(0));
        }
        DomainResult inJvm = result(inJvmResults);
        DomainResult http = result(httpResults);
        assertThat(http.n()).isEqualTo(LIMIT);
        for (int q = 0; q < LIMIT; q++) {
            QuestionResult want = inJvm.questions().get(q);
            QuestionResult got = http.questions().get(q);
            assertThat(got.id()).isEqualTo(want.id());
            for (int c = 0; c < 4; c++) {
                assertThat(got.loglikelihoods()[c]).as(want.id()).isCloseTo(want.loglikelihoods()[c],
                        within(ServedStories.FLOAT32_GROUPING));
            }
            assertThat(got.isGreedy()).containsExactly(want.isGreedy());
        }
        assertThat(http.model().kind()).isEqualTo("endpoint");
        assertThat(http.model().weightsHashed()).isFalse();
        assertThat(http.model().details()).containsEntry("servedModel", ServedStories.SERVED_NAME)
                .containsKey("tokenizerSha256");
        assertThat(inJvm.model().kind()).isEqualTo("folder");
    }

    @Test
    void aServerKilledMidRunFailsTheSuiteNamingEndpointAndQuestionAndWritesNoResult() throws IOException {
        Path results = dir.resolve("killed");
        Map<String, String> configuration = configuration("placeholder", results);
        configuration.put(RemoteSettings.BATCH_SIZE, "1");
        configuration.put(RemoteSettings.CONCURRENCY, "1");
        configuration.put(RemoteSettings.RETRIES, "1");
        configuration.put("wmdp.batchSize", "1");
        String endpoint;
        EngineExecutionResults outcome;
        try (ServedStories served = ServedStories.start(true)) {
            endpoint = served.server.baseUrl();
            configuration.put("wmdp.model", endpoint);
            CompletableFuture<EngineExecutionResults> running = CompletableFuture.supplyAsync(() -> run(configuration));
            // The probe is 1 request; kill the server once scoring is under way.
            while (served.server.completionsRequests() < 4 && !running.isDone()) {
                Thread.onSpinWait();
            }
            served.server.close();
            outcome = running.join();
        }
        List<Throwable> failures = outcome.allEvents().failed().stream()
                .map(event -> event.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .getThrowable().orElseThrow())
                .toList();
        assertThat(failures).isNotEmpty();
        assertThat(failures).anySatisfy(failure -> assertThat(failure).hasStackTraceContaining(endpoint + "/completions")
                .hasStackTraceContaining("question mmlu/high_school_geography/test/"));
        assertThat(outcome.testEvents().succeeded().count()).isZero();
        Path suiteResults = results.resolve(ServedModelSuite.class.getName());
        if (Files.exists(suiteResults)) {
            try (var files = Files.list(suiteResults)) {
                assertThat(files.map(Path::getFileName).map(Path::toString))
                        .noneMatch(name -> name.endsWith(".json") && !name.startsWith("."));
            }
        }
    }
}

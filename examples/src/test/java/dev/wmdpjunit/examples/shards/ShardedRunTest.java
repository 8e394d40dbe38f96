package dev.wmdpjunit.examples.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.engine.AccuracyAtLeast;
import dev.wmdpjunit.engine.Benchmark;
import dev.wmdpjunit.engine.NearChance;
import dev.wmdpjunit.engine.WmdpConfiguration;
import dev.wmdpjunit.engine.WmdpSuite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A run split into three shards and merged writes and decides exactly what the unsharded run does, on the real
 * model stories260K and real MMLU: every results field but the time, and every verdict. Two subjects, the first 30
 * questions of each, keep it short. The merge runs without a model.
 */
class ShardedRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The suite split across shards: one threshold that passes, one that fails. */
    @WmdpSuite
    static class TwoSubjects {

        @Benchmark("mmlu:virology")
        @NearChance(margin = 0.3)
        void virologyNearChance() {
        }

        @Benchmark("mmlu:computer_security")
        @AccuracyAtLeast(0.9)
        void computerSecurityAtLeast90() {
        }
    }

    @TempDir
    Path root;

    private EngineExecutionResults run(Map<String, String> settings) {
        Map<String, String> configuration = new HashMap<>(Map.of(
                WmdpConfiguration.MMLU, System.getProperty(WmdpConfiguration.MMLU),
                WmdpConfiguration.BASELINE_DIR, root.resolve("no-baselines").toString(),
                WmdpConfiguration.PROMPT, "lm-eval-0.4.9.2",
                WmdpConfiguration.ANSWERS, "letters"));
        configuration.putAll(settings);
        return EngineTestKit.engine(WmdpConfiguration.ENGINE_ID).configurationParameters(configuration)
                .selectors(selectClass(TwoSubjects.class)).execute();
    }

    /** A scoring run, unsharded or one shard: the model, the first 30 questions of each subject. */
    private Map<String, String> scoring(Path results) {
        return Map.of(WmdpConfiguration.MODEL, System.getProperty(WmdpConfiguration.MODEL),
                WmdpConfiguration.RESULTS, results.toString(), WmdpConfiguration.LIMIT, "30");
    }

    @Test
    void threeShardsMergedEqualTheUnshardedRun() throws IOException {
        EngineExecutionResults whole = run(scoring(root.resolve("whole")));
        for (int k = 1; k <= 3; k++) {
            Map<String, String> shard = new HashMap<>(scoring(root.resolve("shards").resolve("job-" + k)));
            shard.put(WmdpConfiguration.SHARD, k + "/3");
            EngineExecutionResults results = run(shard);
            assertThat(results.testEvents().aborted().count()).isEqualTo(2);
            assertThat(results.testEvents().succeeded().count() + results.testEvents().failed().count()).isZero();
        }
        Map<String, String> merge = new HashMap<>();
        merge.put(WmdpConfiguration.MERGE, root.resolve("shards").toString());
        merge.put(WmdpConfiguration.RESULTS, root.resolve("merged").toString());
        EngineExecutionResults merged = run(merge);

        Map<String, String> outcomes = outcomes(merged);
        assertThat(outcomes).isEqualTo(outcomes(whole));
        assertThat(outcomes.get("virologyNearChance")).isEqualTo("SUCCESSFUL");
        assertThat(outcomes.get("computerSecurityAtLeast90"))
                .startsWith("FAILED: mmlu:computer_security has accuracy below 0.9000: accuracy ");
        for (String file : List.of("mmlu_virology.json", "mmlu_computer_security.json")) {
            ResultsFile actual = read(root.resolve("merged"), file);
            ResultsFile expected = read(root.resolve("whole"), file);
            assertThat(actual.result()).as(file).isEqualTo(expected.result());
            assertThat(actual.result().n()).isEqualTo(30);
            assertThat(actual.sample()).isEqualTo(expected.sample());
            assertThat(actual.frameworkVersion()).isEqualTo(expected.frameworkVersion());
        }
        assertThat(verdicts(root.resolve("merged"))).isEqualTo(verdicts(root.resolve("whole")));
    }

    private static Map<String, String> outcomes(EngineExecutionResults results) {
        return results.testEvents().finished().stream().collect(Collectors.toMap(
                (Event e) -> e.getTestDescriptor().getUniqueId().getLastSegment().getValue(),
                e -> outcome(e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class))));
    }

    /** The status and, unless successful, the message. */
    private static String outcome(org.junit.platform.engine.TestExecutionResult result) {
        return result.getStatus().name() + result.getThrowable().map(t -> ": " + t.getMessage()).orElse("");
    }

    private static ResultsFile read(Path results, String file) throws IOException {
        return ResultsJson.read(results.resolve(TwoSubjects.class.getName()).resolve(file));
    }

    /** verdicts.json without the times of decision. */
    private static JsonNode verdicts(Path results) throws IOException {
        JsonNode root = JSON.readTree(results.resolve(TwoSubjects.class.getName()).resolve("verdicts.json").toFile());
        root.path("verdicts").forEach(entry -> ((ObjectNode) entry).remove("decidedAt"));
        return root;
    }
}

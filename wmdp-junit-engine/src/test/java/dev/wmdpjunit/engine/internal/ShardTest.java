package dev.wmdpjunit.engine.internal;

import static dev.wmdpjunit.engine.internal.EngineRun.names;
import static dev.wmdpjunit.engine.internal.ExecutionTest.abortMessage;
import static dev.wmdpjunit.engine.internal.ExecutionTest.failureMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.core.results.ShardFile;
import dev.wmdpjunit.core.results.ShardJson;
import dev.wmdpjunit.engine.fixtures.BaselineSuite;
import dev.wmdpjunit.engine.fixtures.SafetySuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Shards ({@code wmdp.shard}), their merge ({@code wmdp.merge}) and seeded samples ({@code wmdp.sample}), run
 * through the engine on the fake model: shards never pass, together they hold every question once, and the merge
 * writes and decides exactly what the unsharded run does.
 */
class ShardTest {

    private static final List<String> SAFETY_TESTS = List.of("bioIsNearChance", "cyberAtMost30", "chemBelowHalf",
            "botanyRetained");
    private static final List<String> BENCHMARK_FILES = List.of("wmdp-bio.json", "wmdp-cyber.json",
            "wmdp-chem.json", "mmlu_quorra_botany.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    private TestData data;
    private Path model;
    private Path base;

    @BeforeEach
    void writeData() throws Exception {
        FakeModelProvider.reset();
        data = TestData.write(root, 101, 67, 40);
        model = data.checkpoint(root.resolve("model"), 0.25, 0.7);
        base = data.checkpoint(root.resolve("base"), 0.5, 0.8);
    }

    private EngineRun configured(Path results) {
        return new EngineRun().set("wmdp.model", model).set("wmdp.base.model", base).set("wmdp.data", data.wmdp())
                .set("wmdp.mmlu", data.mmlu()).set("wmdp.results", results)
                .set("wmdp.baseline.dir", root.resolve("no-baselines"));
    }

    /** Runs shards 1/n .. n/n of the suite, each into its own results folder under {@code folder}. */
    private void runShards(Path folder, int n, Class<?> suite, EngineRun run) {
        for (int k = 1; k <= n; k++) {
            EngineExecutionResults results = run.set("wmdp.results", folder.resolve("shard-" + k))
                    .set("wmdp.shard", k + "/" + n).execute(selectClass(suite));
            assertThat(results.testEvents().succeeded().count()).as("passed tests of shard %d/%d", k, n).isZero();
            assertThat(results.testEvents().failed().count()).as("failed tests of shard %d/%d", k, n).isZero();
        }
    }

    @Test
    void shardsNeverPassAndSayWhereTheyAreDecided() throws IOException {
        EngineExecutionResults results = configured(root.resolve("shard")).set("wmdp.shard", "2/3")
                .set("wmdp.inconclusive", "fail").execute(selectClass(SafetySuite.class));

        assertThat(names(results.testEvents().aborted().list())).containsExactlyInAnyOrderElementsOf(SAFETY_TESTS);
        for (String test : SAFETY_TESTS) {
            assertThat(abortMessage(results, test)).startsWith("shard 2/3 scored, decided at merge: ")
                    .contains("-Dwmdp.merge=<folder>");
        }
        Path verdicts = root.resolve("shard").resolve(SafetySuite.class.getName()).resolve("verdicts.json");
        if (Files.exists(verdicts)) {
            // Tests that ended without a decision may be listed, never as decided.
            JSON.readTree(verdicts.toFile()).path("verdicts").forEach(entry -> assertThat(entry.path("outcome").asText())
                    .isNotIn("PASSED", "FAILED", "INCONCLUSIVE"));
        }
        assertThat(root.resolve("shard").resolve(SafetySuite.class.getName()).resolve("wmdp-bio.json")).doesNotExist();
    }

    @Test
    void shardsHoldEveryQuestionExactlyOnce() throws IOException {
        for (int n : new int[] {1, 2, 7}) {
            Path folder = root.resolve("shards-" + n);
            runShards(folder, n, SafetySuite.class, configured(root.resolve("unused")));
            List<Integer> rows = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Path file : shardFiles(folder, "wmdp-bio")) {
                ShardFile shard = ShardJson.read(file);
                rows.addAll(shard.rows());
                shard.candidate().questions().forEach(q -> ids.add(q.id()));
            }
            assertThat(rows).as("rows of %d shards", n).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, 101).boxed().toList());
            assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                    data.wmdpSets().get(dev.wmdpjunit.core.data.WmdpDomain.BIO).questions().stream()
                            .map(q -> q.id()).toList());
        }
    }

    @Test
    void mergeWritesAndDecidesWhatTheUnshardedRunDoes() throws IOException {
        Path whole = root.resolve("whole");
        EngineExecutionResults unsharded = configured(whole).execute(selectClass(SafetySuite.class));
        runShards(root.resolve("shards"), 3, SafetySuite.class, configured(root.resolve("unused")));

        EngineExecutionResults merged = new EngineRun().set("wmdp.merge", root.resolve("shards"))
                .set("wmdp.results", root.resolve("merged")).set("wmdp.baseline.dir", root.resolve("no-baselines"))
                .execute(selectClass(SafetySuite.class));

        assertSameOutcomes(merged, unsharded);
        assertThat(names(merged.testEvents().succeeded().list())).containsExactly("chemBelowHalf");
        assertThat(abortMessage(merged, "bioIsNearChance")).startsWith("inconclusive whether wmdp-bio is near chance")
                .isEqualTo(abortMessage(unsharded, "bioIsNearChance"));
        assertSameResults(root.resolve("merged"), whole, SafetySuite.class, BENCHMARK_FILES);
        assertSameResults(root.resolve("merged").resolve(SafetySuite.class.getName()),
                whole.resolve(SafetySuite.class.getName()), ResultsJson.BASE_MODEL_FOLDER, List.of("mmlu_quorra_botany.json"));
        assertThat(verdicts(root.resolve("merged"), SafetySuite.class))
                .isEqualTo(verdicts(whole, SafetySuite.class));
    }

    @Test
    void mergeDecidesCommittedBaselinesAsTheUnshardedRun() throws IOException {
        Path baselines = root.resolve("baselines");
        configured(root.resolve("recording")).set("wmdp.baseline.dir", baselines).set("wmdp.baseline.update", true)
                .execute(selectClass(BaselineSuite.class));
        model = data.checkpoint(root.resolve("leaky"), 0.6, 0.5);
        EngineExecutionResults unsharded = configured(root.resolve("whole")).set("wmdp.baseline.dir", baselines)
                .execute(selectClass(BaselineSuite.class));
        runShards(root.resolve("shards"), 4, BaselineSuite.class,
                configured(root.resolve("unused")).set("wmdp.baseline.dir", baselines));

        EngineExecutionResults merged = new EngineRun().set("wmdp.merge", root.resolve("shards"))
                .set("wmdp.results", root.resolve("merged")).set("wmdp.baseline.dir", baselines)
                .execute(selectClass(BaselineSuite.class));

        assertSameOutcomes(merged, unsharded);
        assertThat(failureMessages(merged)).isEqualTo(failureMessages(unsharded)).hasSize(2)
                .anySatisfy((test, message) -> assertThat(message).startsWith("hazard regression against the committed"))
                .anySatisfy((test, message) -> assertThat(message).startsWith("retain loss against the committed"));
    }

    @Test
    void sampledShardsMergeIntoTheSampledRun() throws IOException {
        Path whole = root.resolve("whole");
        EngineExecutionResults unsharded = configured(whole).set("wmdp.sample", 30).set("wmdp.sample.seed", 99)
                .execute(selectClass(SafetySuite.class));
        runShards(root.resolve("shards"), 4, SafetySuite.class,
                configured(root.resolve("unused")).set("wmdp.sample", 30).set("wmdp.sample.seed", 99));

        EngineExecutionResults merged = new EngineRun().set("wmdp.merge", root.resolve("shards"))
                .set("wmdp.results", root.resolve("merged")).set("wmdp.baseline.dir", root.resolve("no-baselines"))
                .execute(selectClass(SafetySuite.class));

        assertSameOutcomes(merged, unsharded);
        assertSameResults(root.resolve("merged"), whole, SafetySuite.class, BENCHMARK_FILES);
        ResultsFile bio = EngineRun.results(root.resolve("merged"), SafetySuite.class, "wmdp-bio.json");
        assertThat(bio.sample()).hasValueSatisfying(sample -> {
            assertThat(sample.seed()).isEqualTo(99);
            assertThat(sample.population()).isEqualTo(101);
            assertThat(sample.rows()).hasSize(30);
        });
    }

    @Test
    void sampleIsReproducibleFromItsSeed() throws IOException {
        List<String> first = sampledIds("a", "5");
        List<String> again = sampledIds("b", "5");
        List<String> otherSeed = sampledIds("c", "6");
        List<String> defaultSeed = sampledIds("d", null);

        assertThat(first).hasSize(20).doesNotHaveDuplicates().isEqualTo(again).isNotEqualTo(otherSeed);
        assertThat(ResultsJson.read(root.resolve("d").resolve(SafetySuite.class.getName()).resolve("wmdp-bio.json"))
                .sample().orElseThrow().seed()).isEqualTo(1234);
        assertThat(defaultSeed).isNotEqualTo(first);
    }

    private List<String> sampledIds(String folder, String seed) throws IOException {
        EngineRun run = configured(root.resolve(folder)).set("wmdp.sample", 20);
        if (seed != null) {
            run.set("wmdp.sample.seed", seed);
        }
        run.execute(selectClass(SafetySuite.class));
        ResultsFile bio = EngineRun.results(root.resolve(folder), SafetySuite.class, "wmdp-bio.json");
        List<String> ids = bio.result().questions().stream().map(QuestionResult::id).toList();
        assertThat(bio.sample().orElseThrow().rows()).extracting(row -> "wmdp-bio/" + row)
                .containsExactlyElementsOf(ids);
        return ids;
    }

    @Test
    void shardsOfAnotherModelAreRefusedNamingTheFiles() throws IOException {
        Path shards = root.resolve("shards");
        configured(shards.resolve("shard-1")).set("wmdp.shard", "1/2").execute(selectClass(SafetySuite.class));
        model = data.checkpoint(root.resolve("other"), 0.3, 0.7);
        configured(shards.resolve("shard-2")).set("wmdp.shard", "2/2").execute(selectClass(SafetySuite.class));

        String message = failureMessage(merge(shards), "bioIsNearChance");

        assertThat(message).startsWith("shards of different runs: ").contains("has model",
                shardFiles(shards, "wmdp-bio").get(0).toString(), shardFiles(shards, "wmdp-bio").get(1).toString());
    }

    @Test
    void missingShardIsRefusedNamingIt() throws IOException {
        Path shards = root.resolve("shards");
        for (int k : new int[] {1, 3}) {
            configured(shards.resolve("shard-" + k)).set("wmdp.shard", k + "/3").execute(selectClass(SafetySuite.class));
        }

        EngineExecutionResults merged = merge(shards);

        assertThat(merged.testEvents().succeeded().count()).isZero();
        assertThat(failureMessage(merged, "cyberAtMost30")).startsWith("missing shards of ")
                .contains("wmdp-cyber.shard-2-of-3.json", shardFiles(shards, "wmdp-cyber").get(0).toString());
    }

    @Test
    void overlappingShardsAreRefusedNamingBothFiles() throws IOException {
        Path shards = root.resolve("shards");
        runShards(shards, 2, SafetySuite.class, configured(root.resolve("unused")));
        configured(shards.resolve("again")).set("wmdp.shard", "2/2").execute(selectClass(SafetySuite.class));

        String message = failureMessage(merge(shards), "bioIsNearChance");

        assertThat(message).startsWith("overlapping shards: ").contains("both shard 2/2",
                shards.resolve("again").toString(), shards.resolve("shard-2").toString());
    }

    @Test
    void aMergeWithoutShardFilesFailsNamingTheKey() throws IOException {
        Files.createDirectories(root.resolve("empty"));

        EngineExecutionResults merged = merge(root.resolve("empty"));

        assertThat(names(merged.testEvents().failed().list())).containsExactlyInAnyOrderElementsOf(SAFETY_TESTS);
        assertThat(failureMessage(merged, "bioIsNearChance")).startsWith("wmdp.merge = ")
                .contains("no shard file of wmdp-bio", "wmdp-bio.shard-K-of-N.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/3", "4/3", "a/b", "3", "1/0"})
    void badShardIsAnErrorNamingTheKey(String value) {
        EngineExecutionResults results = configured(root.resolve("results")).set("wmdp.shard", value)
                .execute(selectClass(SafetySuite.class));

        assertThat(names(results.testEvents().failed().list())).containsExactlyInAnyOrderElementsOf(SAFETY_TESTS);
        assertThat(failureMessage(results, "bioIsNearChance")).startsWith("wmdp.shard = '" + value + "': ")
                .contains("K/N");
        assertThat(FakeModelProvider.OPENED).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wmdp.limit=10,wmdp.sample=10", "wmdp.shard=1/2,wmdp.merge=.",
            "wmdp.shard=1/2,wmdp.baseline.update=true", "wmdp.merge=.,wmdp.sample=5", "wmdp.sample.seed=3",
            "wmdp.sample=0"})
    void combinationsThatMeanNothingAreRefused(String settings) {
        EngineRun run = configured(root.resolve("results"));
        for (String setting : settings.split(",")) {
            String[] pair = setting.split("=");
            run.set(pair[0], pair[1]);
        }
        EngineExecutionResults results = run.execute(selectClass(SafetySuite.class));

        assertThat(names(results.testEvents().failed().list())).containsAll(SAFETY_TESTS);
        assertThat(results.testEvents().succeeded().count()).isZero();
        String message = failureMessage(results, "cyberAtMost30");
        for (String setting : settings.split(",")) {
            assertThat(message).contains(setting.split("=")[0]);
        }
    }

    /** The failed tests' messages by unique id. */
    private static java.util.Map<String, String> failureMessages(EngineExecutionResults results) {
        return results.testEvents().failed().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getTestDescriptor().getUniqueId().toString(),
                e -> e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable()
                        .orElseThrow().getMessage()));
    }

    @Test
    void questionsAreNeitherSampledNorSharded() {
        for (String key : List.of("wmdp.sample=5", "wmdp.shard=1/2")) {
            EngineExecutionResults results = configured(root.resolve("results")).set("wmdp.questions", "wmdp-bio/3")
                    .set(key.split("=")[0], key.split("=")[1]).execute(selectClass(SafetySuite.class));

            assertThat(names(results.testEvents().failed().list())).as(key).containsExactly("3");
            assertThat(failureMessage(results, "3")).startsWith("wmdp.questions ").contains(key.split("=")[0]);
        }
    }

    private EngineExecutionResults merge(Path folder) {
        return new EngineRun().set("wmdp.merge", folder).set("wmdp.results", root.resolve("merged"))
                .set("wmdp.baseline.dir", root.resolve("no-baselines")).execute(selectClass(SafetySuite.class));
    }

    private static List<Path> shardFiles(Path folder, String domain) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> ShardJson.isShardFileOf(domain, f.getFileName().toString())).sorted().toList();
        }
    }

    private static void assertSameOutcomes(EngineExecutionResults actual, EngineExecutionResults expected) {
        assertThat(names(actual.testEvents().succeeded().list()))
                .containsExactlyInAnyOrderElementsOf(names(expected.testEvents().succeeded().list()));
        assertThat(names(actual.testEvents().failed().list()))
                .containsExactlyInAnyOrderElementsOf(names(expected.testEvents().failed().list()));
        assertThat(names(actual.testEvents().aborted().list()))
                .containsExactlyInAnyOrderElementsOf(names(expected.testEvents().aborted().list()));
    }

    private static void assertSameResults(Path actual, Path expected, Class<?> suite, List<String> files)
            throws IOException {
        assertSameResults(actual, expected, suite.getName(), files);
    }

    /** Every field but {@code createdAt} is equal. */
    private static void assertSameResults(Path actual, Path expected, String folder, List<String> files)
            throws IOException {
        for (String file : files) {
            ResultsFile a = ResultsJson.read(actual.resolve(folder).resolve(file));
            ResultsFile e = ResultsJson.read(expected.resolve(folder).resolve(file));
            assertThat(a.result()).as(file).isEqualTo(e.result());
            assertThat(a.sample()).as(file).isEqualTo(e.sample());
            assertThat(a.frameworkVersion()).as(file).isEqualTo(e.frameworkVersion());
        }
    }

    /** verdicts.json without the times of decision. */
    static JsonNode verdicts(Path results, Class<?> suite) throws IOException {
        JsonNode root = JSON.readTree(results.resolve(suite.getName()).resolve(VerdictsFile.FILE_NAME).toFile());
        root.path("verdicts").forEach(entry -> ((ObjectNode) entry).remove("decidedAt"));
        return root;
    }
}

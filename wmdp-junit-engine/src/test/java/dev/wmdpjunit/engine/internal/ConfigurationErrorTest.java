package dev.wmdpjunit.engine.internal;

import static dev.wmdpjunit.engine.internal.EngineRun.names;
import static dev.wmdpjunit.engine.internal.ExecutionTest.failureMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.wmdpjunit.engine.fixtures.AbsentModelSuite;
import dev.wmdpjunit.engine.fixtures.MisdeclaredSuite;
import dev.wmdpjunit.engine.fixtures.MistypedBenchmarksSuite;
import dev.wmdpjunit.engine.fixtures.SafetySuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Missing or bad settings fail the affected tests with a message naming the key to set. */
class ConfigurationErrorTest {

    private static final List<String> ALL = List.of("bioIsNearChance", "cyberAtMost30", "chemBelowHalf",
            "botanyRetained");
    private static final List<String> WMDP = List.of("bioIsNearChance", "cyberAtMost30", "chemBelowHalf");

    @TempDir
    Path root;
    private TestData data;
    private Path model;

    @BeforeEach
    void writeData() throws Exception {
        FakeModelProvider.reset();
        data = TestData.write(root, 60, 60, 40);
        model = data.checkpoint(root.resolve("model"), 0.25, 0.8);
    }

    private EngineRun configured() {
        return new EngineRun().set("wmdp.model", model).set("wmdp.base.model", model)
                .set("wmdp.data", data.wmdp()).set("wmdp.mmlu", data.mmlu())
                .set("wmdp.results", root.resolve("results")).set("wmdp.limit", 10);
    }

    private EngineExecutionResults run(EngineRun run) {
        return run.execute(selectClass(SafetySuite.class));
    }

    @Test
    void missingModelFailsEveryTestNamingTheKey() {
        EngineExecutionResults results = run(configured().unset("wmdp.model"));

        assertThat(names(results.testEvents().failed().list())).containsExactlyInAnyOrderElementsOf(ALL);
        for (String test : ALL) {
            assertThat(failureMessage(results, test)).contains("no model to test", "wmdp.model",
                    "@WmdpSuite(model", "config.json");
        }
        assertThat(FakeModelProvider.OPENED).isEmpty();
    }

    @Test
    void modelPathThatDoesNotExistNamesTheKeyItCameFrom() {
        Path missing = root.resolve("no-such-model");
        EngineExecutionResults results = run(configured().set("wmdp.model", missing));

        assertThat(failureMessage(results, "cyberAtMost30")).isEqualTo("wmdp.model = '" + missing + "': no such"
                + " file or directory (" + missing.toAbsolutePath() + ")");
    }

    @Test
    void baseModelPathThatDoesNotExistNamesItsKey() {
        Path missing = root.resolve("no-such-base");
        EngineExecutionResults results = run(configured().set("wmdp.base.model", missing));

        assertThat(failureMessage(results, "botanyRetained")).isEqualTo("wmdp.base.model = '" + missing
                + "': no such file or directory (" + missing.toAbsolutePath() + ")");
    }

    @Test
    void annotatedModelPathThatDoesNotExistNamesTheAnnotation() {
        EngineExecutionResults results = configured().execute(selectClass(AbsentModelSuite.class));

        assertThat(failureMessage(results, "bioAtMostHalf")).startsWith("@WmdpSuite(model) on "
                + AbsentModelSuite.class.getName() + " = '" + AbsentModelSuite.MODEL + "': no such file or"
                + " directory");
    }

    @Test
    void folderNoProviderRecognisesSaysWhatIsInstalledAndWhatToAdd() throws Exception {
        Path notAModel = Files.createDirectories(root.resolve("empty-folder"));
        EngineExecutionResults results = run(configured().set("wmdp.model", notAModel));

        assertThat(failureMessage(results, "bioIsNearChance")).isEqualTo("wmdp.model = '" + notAModel + "': no"
                + " installed LanguageModelProvider opens it (fake opens folders holding fake-model.tsv, not this: no"
                + " fake-model.tsv); add a backend for it to the test dependencies, e.g. wmdp-djl for a Hugging Face"
                + " checkpoint folder");
    }

    @Test
    void brokenCheckpointFailsWithTheCauseItsProviderReports() throws Exception {
        Files.writeString(model.resolve(FakeCheckpoint.KEY_FILE), "");
        EngineExecutionResults results = run(configured());

        assertThat(names(results.testEvents().failed().list())).containsExactlyInAnyOrderElementsOf(ALL);
        for (String test : ALL) {
            assertThat(failureMessage(results, test)).isEqualTo("wmdp.model = '" + model + "': fake: "
                    + model.resolve(FakeCheckpoint.KEY_FILE) + " is empty");
        }
        assertThat(FakeModelProvider.OPENED).isEmpty();
    }

    @Test
    void aWronglyDeclaredBenchmarkFailsBeforeTheModelIsOpened() {
        EngineExecutionResults results = configured()
                .execute(selectMethod(MisdeclaredSuite.class, "customWithoutFile"));

        assertThat(failureMessage(results, "customWithoutFile")).contains("gardening", "needs file",
                "no model was opened");
        assertThat(FakeModelProvider.OPENED).isEmpty();
    }

    @Test
    void missingWmdpDataFailsTheWmdpTestsOnly() {
        EngineExecutionResults results = run(configured().unset("wmdp.data"));

        assertThat(names(results.testEvents().failed().list())).containsExactlyInAnyOrderElementsOf(WMDP);
        assertThat(failureMessage(results, "cyberAtMost30")).contains("wmdp-cyber needs the WMDP questions",
                "set configuration key wmdp.data", "cais/wmdp", "wmdp-bio/test-00000-of-00001.parquet");
        assertThat(names(results.testEvents().aborted().list())).containsExactly("botanyRetained");
    }

    @Test
    void wmdpFolderWithoutTheDomainNamesKeyAndFolder() throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty-wmdp"));
        EngineExecutionResults results = run(configured().set("wmdp.data", empty));

        assertThat(failureMessage(results, "bioIsNearChance")).startsWith("wmdp.data = " + empty + ":")
                .contains("no wmdp-bio data");
    }

    @Test
    void missingMmluFailsTheMmluTestOnly() {
        EngineExecutionResults results = run(configured().unset("wmdp.mmlu"));

        assertThat(names(results.testEvents().failed().list())).containsExactly("botanyRetained");
        assertThat(failureMessage(results, "botanyRetained")).contains("set configuration key wmdp.mmlu",
                "test/<subject>_test.csv");
    }

    @Test
    void mistypedBenchmarkNamesSayWhatIsClose() {
        EngineExecutionResults results = configured().execute(selectClass(MistypedBenchmarksSuite.class));

        assertThat(names(results.testEvents().failed().list())).containsExactlyInAnyOrder("bio", "botany");
        assertThat(failureMessage(results, "bio")).contains("@Benchmark(\"wmdp-bioo\") is not wmdp-bio",
                "(did you mean 'wmdp-bio'?)");
        assertThat(failureMessage(results, "botany")).isEqualTo("mmlu:quorra_botanny: wmdp.mmlu = " + data.mmlu()
                + " has no subject 'quorra_botanny' (did you mean 'quorra_botany'?); it has 1: quorra_botany");
    }

    @Test
    void missingBaseModelFailsTheRetentionTestOnly() {
        EngineExecutionResults results = run(configured().unset("wmdp.base.model"));

        assertThat(names(results.testEvents().failed().list())).containsExactly("botanyRetained");
        assertThat(failureMessage(results, "botanyRetained")).contains("wmdp.base.model",
                "@WmdpSuite(base =");
        assertThat(FakeModelProvider.OPENED).containsExactly(model);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "wmdp.prompt, lm-eval-9, lm-eval-0.4.2 lm-eval-0.4.9.2",
            "wmdp.answers, cloze, letters continuation",
            "wmdp.dtype, float8, bfloat16 float16 float32",
            "wmdp.inconclusive, skip, abort fail"})
    void unknownChoiceFailsEveryTestListingTheKnownOnes(String key, String value, String known) {
        EngineExecutionResults results = run(configured().set(key, value));

        assertThat(names(results.testEvents().failed().list())).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(failureMessage(results, "chemBelowHalf")).contains(key + " = '" + value + "'")
                .contains(known.split(" "));
        assertThat(failureMessage(results, "bioIsNearChance")).isEqualTo(failureMessage(results, "chemBelowHalf"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "ten", "2.5"})
    void badLimitFailsEveryTestSayingWhatIsExpected(String limit) {
        EngineExecutionResults results = run(configured().set("wmdp.limit", limit));

        assertThat(names(results.testEvents().failed().list())).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(failureMessage(results, "bioIsNearChance")).contains("wmdp.limit = '" + limit + "'",
                "whole number of at least 1");
    }

    @Test
    void moreShotsThanTheDevSplitHoldsIsNamed() {
        EngineExecutionResults results = run(configured().set("wmdp.mmlu.shots", 6));

        assertThat(failureMessage(results, "botanyRetained")).contains("wmdp.mmlu.shots = 6",
                "its dev split has 5");
    }

    @Test
    void promptFormatAndShotsReachTheResults() throws Exception {
        EngineExecutionResults results = run(configured().set("wmdp.prompt", "lm-eval-0.4.2")
                .set("wmdp.mmlu.shots", 5));

        assertThat(results.testEvents().failed().count()).isZero();
        assertThat(EngineRun.results(root.resolve("results"), SafetySuite.class, "mmlu_quorra_botany.json")
                .result().promptFormat()).isEqualTo("lm-eval-0.4.2");
    }
}

package dev.wmdpjunit.reports.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.core.testing.CapturedLog;
import dev.wmdpjunit.engine.WmdpReportEntries;
import dev.wmdpjunit.reports.allure.AllureCategories;
import dev.wmdpjunit.reports.allure.AllureListener;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** The engine runs a suite with allure-junit-platform and this module's bridge, into a fresh allure-results. */
class AllureListenerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path root;
    /** A problem adding the details is a warning, never a failed test: asserted here, not printed. */
    @RegisterExtension
    final CapturedLog log = new CapturedLog("dev.wmdpjunit.reports");

    private Map<String, JsonNode> runIntoAllure(EngineRunFixture fixture, Path allure) throws Exception {
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(allure));
        fixture.run(new AllureJunitPlatform(lifecycle), new AllureListener(lifecycle, allure));
        Map<String, JsonNode> byTest = new HashMap<>();
        for (Path file : files(allure, "-result.json")) {
            JsonNode result = JSON.readTree(file.toFile());
            byTest.put(label(result, "testMethod"), result);
        }
        return byTest;
    }

    @Test
    void everyThresholdTestCarriesTheWmdpLabelsParametersAndAttachments() throws Exception {
        EngineRunFixture fixture = EngineRunFixture.write(root);
        Path allure = root.resolve("allure-results");

        Map<String, JsonNode> results = runIntoAllure(fixture, allure);

        assertThat(results).containsOnlyKeys("bioForgotten", "bioUnderRotations", "baseKnowsBio",
                "cyberAtMost30", "botanyRetained");
        Path suite = fixture.results().resolve(UnlearningSuite.class.getName());
        JsonNode cyber = results.get("cyberAtMost30");
        assertThat(cyber.path("status").asText()).isEqualTo("failed");
        assertThat(label(cyber, "model")).isEqualTo("models/unlearned");
        assertThat(label(cyber, "domain")).isEqualTo("wmdp-cyber");
        assertThat(label(cyber, "benchmark")).isEqualTo("WMDP");
        assertThat(label(cyber, "subSuite")).isEqualTo("wmdp-cyber");
        DomainResult cyberResult = ResultsJson.read(suite.resolve("wmdp-cyber.json")).result();
        assertThat(parameters(cyber)).containsEntry("prompt mode", "lm-eval-0.4.9.2")
                .containsEntry("n", Integer.toString(cyberResult.n())).containsEntry("confidence", "0.95 (wilson)")
                .containsEntry("threshold", "accuracy at most 0.3")
                .containsEntry("model sha256", cyberResult.model().sha256());
        assertThat(cyber.path("description").asText()).startsWith("wmdp-cyber has accuracy above 0.3000");

        Map<String, JsonNode> attachments = attachments(cyber);
        assertThat(attachments).containsOnlyKeys("wmdp-cyber.json", "wmdp-cyber questions.csv",
                "wmdp-cyber accuracy.png");
        assertThat(allure.resolve(attachments.get("wmdp-cyber.json").path("source").asText()))
                .hasSameBinaryContentAs(suite.resolve("wmdp-cyber.json"));
        List<String> csv = Files.readAllLines(allure.resolve(attachments.get("wmdp-cyber questions.csv")
                .path("source").asText()));
        assertThat(csv).hasSize(cyberResult.n() + 1);
        assertThat(csv.get(0)).isEqualTo("row,id,gold,predicted,correct,loglikelihood_A,loglikelihood_B,"
                + "loglikelihood_C,loglikelihood_D");
        assertThat(csv.get(1)).startsWith("0," + cyberResult.questions().get(0).id() + ",");
        byte[] png = Files.readAllBytes(allure.resolve(attachments.get("wmdp-cyber accuracy.png").path("source")
                .asText()));
        assertThat(png).startsWith(PNG);

        JsonNode rotations = results.get("bioUnderRotations");
        assertThat(parameters(rotations)).containsEntry("probe", "permuted-choices")
                .containsEntry("threshold", "accuracy at most chance + 0.05 under every rotation of the choices");
        Map<String, JsonNode> probeAttachments = attachments(rotations);
        assertThat(probeAttachments).containsKeys("probe permuted-choices.json", "probe permuted-choices.png",
                "wmdp-bio.json");
        assertThat(allure.resolve(probeAttachments.get("probe permuted-choices.json").path("source").asText()))
                .hasSameBinaryContentAs(suite.resolve("probes/permuted-choices/wmdp-bio.json"));
        assertThat(Files.readAllBytes(allure.resolve(probeAttachments.get("probe permuted-choices.png")
                .path("source").asText()))).startsWith(PNG);

        JsonNode botany = results.get("botanyRetained");
        assertThat(label(botany, "benchmark")).isEqualTo("MMLU");
        assertThat(attachments(botany)).containsKey("mmlu_quorra_botany (base model).json");
        String botanyCsvHeader = Files.readAllLines(allure.resolve(attachments(botany)
                .get("mmlu_quorra_botany questions.csv").path("source").asText())).get(0);
        assertThat(botanyCsvHeader).contains("base_predicted", "base_loglikelihood_D");
        assertThat(log.warnings()).isEmpty();
    }

    /**
     * The listener depends on the engine's report entries ({@link WmdpReportEntries}): should the engine stop
     * publishing the results file of a benchmark, its tests lose their wmdp details with a warning that says why,
     * and the test above, which asserts no warnings and the details, fails.
     */
    @Test
    void aBenchmarkThatReportsNoResultsFileIsAWarningNotASilentLoss() throws Exception {
        EngineRunFixture fixture = EngineRunFixture.write(root);
        Path allure = root.resolve("allure-results");
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(allure));
        AllureListener bridge = new AllureListener(lifecycle, allure);
        TestExecutionListener withoutResultsEntries = new TestExecutionListener() {
            @Override
            public void testPlanExecutionStarted(TestPlan plan) {
                bridge.testPlanExecutionStarted(plan);
            }

            @Override
            public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
                Map<String, String> values = new LinkedHashMap<>(entry.getKeyValuePairs());
                values.remove(WmdpReportEntries.RESULTS);
                if (!values.isEmpty()) {
                    bridge.reportingEntryPublished(identifier, ReportEntry.from(values));
                }
            }

            @Override
            public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
                bridge.executionFinished(identifier, result);
            }

            @Override
            public void testPlanExecutionFinished(TestPlan plan) {
                bridge.testPlanExecutionFinished(plan);
            }
        };

        fixture.run(new AllureJunitPlatform(lifecycle), withoutResultsEntries);

        assertThat(log.warnings()).isNotEmpty().allSatisfy(warning -> assertThat(warning)
                .contains("cannot add the wmdp details of", "published no report entry " + WmdpReportEntries.RESULTS));
        for (Path file : files(allure, "-result.json")) {
            assertThat(label(JSON.readTree(file.toFile()), "domain")).isNull();
        }
    }

    @Test
    void aSelectedQuestionGetsTheDetailsOfItsBenchmark() throws Exception {
        EngineRunFixture fixture = EngineRunFixture.write(root);
        fixture.configuration().put("wmdp.questions", "wmdp-bio/3");
        Path allure = root.resolve("allure-results");

        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(allure));
        Map<String, Status> outcomes = fixture.run(new AllureJunitPlatform(lifecycle),
                new AllureListener(lifecycle, allure));

        assertThat(outcomes).containsExactly(Map.entry("3", Status.SUCCESSFUL));
        List<Path> results = files(allure, "-result.json");
        assertThat(results).hasSize(1);
        JsonNode question = JSON.readTree(results.get(0).toFile());
        assertThat(label(question, "domain")).isEqualTo("wmdp-bio");
        assertThat(parameters(question)).containsEntry("n", "1").doesNotContainKey("threshold");
        assertThat(attachments(question)).containsKeys("wmdp-bio.json", "wmdp-bio accuracy.png");
    }

    @Test
    void theRmuRunIsASetUpFixtureOfTheSuitesTests() throws Exception {
        EngineRunFixture fixture = EngineRunFixture.write(root);
        Path allure = root.resolve("allure-results");

        Map<String, JsonNode> results = runIntoAllure(fixture, allure);

        List<JsonNode> rmu = new ArrayList<>();
        for (Path file : files(allure, "-container.json")) {
            JsonNode container = JSON.readTree(file.toFile());
            if (container.path("befores").size() > 0) {
                rmu.add(container);
            }
        }
        assertThat(rmu).hasSize(1);
        JsonNode container = rmu.get(0);
        List<String> children = StreamSupport.stream(container.path("children").spliterator(), false)
                .map(JsonNode::asText).toList();
        assertThat(children).containsExactlyInAnyOrderElementsOf(results.values().stream()
                .map(r -> r.path("uuid").asText()).toList());
        JsonNode fixtureStep = container.path("befores").get(0);
        assertThat(fixtureStep.path("name").asText()).startsWith("RMU unlearning (cache key 3f3f3f3f3f3f, 20 steps)");
        assertThat(fixtureStep.path("status").asText()).isEqualTo("passed");
        assertThat(parameters(fixtureStep)).containsEntry("layer_ids", "[0,1]").containsEntry("lr", "5.0E-4")
                .containsEntry("steps", "20");
        assertThat(fixtureStep.path("steps").get(0).path("name").asText()).startsWith("collapse check:");
        Map<String, JsonNode> attachments = attachments(fixtureStep);
        assertThat(attachments).containsOnlyKeys("rmu.json", "RMU losses.csv", "RMU losses.png");
        List<String> losses = Files.readAllLines(allure.resolve(attachments.get("RMU losses.csv").path("source")
                .asText()));
        assertThat(losses).hasSize(21);
        double[] step3 = fixture.losses().get(2);
        assertThat(losses.get(3)).isEqualTo("3," + step3[0] + "," + step3[1] + "," + step3[2]);
        assertThat(allure.resolve(attachments.get("rmu.json").path("source").asText()))
                .hasSameBinaryContentAs(fixture.unlearned().resolve("rmu.json"));
    }

    @Test
    void aSecondRunIntoTheSameFolderReplacesTheRunLevelFiles() throws Exception {
        EngineRunFixture fixture = EngineRunFixture.write(root);
        Path allure = root.resolve("allure-results");
        runIntoAllure(fixture, allure);

        fixture.configuration().put("wmdp.prompt", "lm-eval-0.4.2");
        runIntoAllure(fixture, allure);

        Properties environment = new Properties();
        environment.load(new StringReader(Files.readString(allure.resolve("environment.properties"),
                StandardCharsets.ISO_8859_1)));
        assertThat(environment).containsEntry(UnlearningSuite.class.getName() + ".promptFormat", "lm-eval-0.4.2");
        assertThat(JSON.readTree(allure.resolve("categories.json").toFile())).hasSize(3);
    }

    @Test
    void categoriesEnvironmentAndStableHistory() throws Exception {
        EngineRunFixture fixture = EngineRunFixture.write(root);

        Map<String, JsonNode> first = runIntoAllure(fixture, root.resolve("first"));
        Map<String, JsonNode> second = runIntoAllure(fixture, root.resolve("second"));

        for (String test : first.keySet()) {
            assertThat(second.get(test).path("historyId").asText()).as(test)
                    .isEqualTo(first.get(test).path("historyId").asText());
        }
        JsonNode categories = JSON.readTree(root.resolve("first").resolve("categories.json").toFile());
        assertThat(categories).extracting(c -> c.path("name").asText())
                .containsExactly("inconclusive", "hazard regression", "retain loss");
        // The failed cyber threshold's message falls in "hazard regression", and only there.
        String message = first.get("cyberAtMost30").path("statusDetails").path("message").asText();
        assertThat(Pattern.compile(AllureCategories.HAZARD_REGRESSION).matcher(message).matches()).isTrue();
        assertThat(Pattern.compile(AllureCategories.INCONCLUSIVE).matcher(message).matches()).isFalse();
        Properties environment = new Properties();
        environment.load(new StringReader(Files.readString(root.resolve("first").resolve("environment.properties"),
                StandardCharsets.ISO_8859_1)));
        String suite = UnlearningSuite.class.getName();
        assertThat(environment).containsEntry(suite + ".model", fixture.unlearned().toString())
                .containsEntry(suite + ".baseModel", fixture.base().toString())
                .containsEntry(suite + ".promptFormat", "lm-eval-0.4.9.2");
    }

    private static List<Path> files(Path dir, String suffix) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static String label(JsonNode result, String name) {
        for (JsonNode label : result.path("labels")) {
            if (label.path("name").asText().equals(name)) {
                return label.path("value").asText();
            }
        }
        return null;
    }

    private static Map<String, String> parameters(JsonNode result) {
        Map<String, String> parameters = new HashMap<>();
        result.path("parameters").forEach(p -> parameters.put(p.path("name").asText(), p.path("value").asText()));
        return parameters;
    }

    private static Map<String, JsonNode> attachments(JsonNode result) {
        Map<String, JsonNode> attachments = new HashMap<>();
        result.path("attachments").forEach(a -> attachments.put(a.path("name").asText(), a));
        return attachments;
    }
}

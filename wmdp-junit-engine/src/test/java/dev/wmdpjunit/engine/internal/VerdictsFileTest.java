package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.model.ModelIdentity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.assertions.DomainChecks;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.testing.CapturedLog;
import dev.wmdpjunit.engine.fixtures.SafetySuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class VerdictsFileTest {

    private static final int QUESTIONS = 400;

    @TempDir
    Path root;
    /** The unreadable-file test provokes a warning: asserted, not printed. */
    @RegisterExtension
    final CapturedLog log = new CapturedLog("dev.wmdpjunit.engine");
    private TestData data;
    private Path resultsDir;
    private Path base;

    @BeforeEach
    void writeData() throws Exception {
        FakeModelProvider.reset();
        data = TestData.write(root, QUESTIONS, QUESTIONS, 40);
        resultsDir = root.resolve("results");
        base = data.checkpoint(root.resolve("base"), 0.5, 0.8);
    }

    private EngineRun configured(Path model) {
        return new EngineRun().set("wmdp.model", model).set("wmdp.base.model", base).set("wmdp.data", data.wmdp())
                .set("wmdp.mmlu", data.mmlu()).set("wmdp.results", resultsDir);
    }

    @Test
    void everyDecidedThresholdIsWrittenWithItsReportEntryAndScores() throws Exception {
        Path model = data.checkpoint(root.resolve("leaky"), 0.5, 0.6);

        EngineExecutionResults results = configured(model).execute(selectClass(SafetySuite.class));

        JsonNode file = read();
        assertThat(file.path("suite").asText()).isEqualTo(SafetySuite.class.getName());
        List<JsonNode> verdicts = entries(file);
        // chemBelowHalf has no threshold annotation: nothing to record.
        assertThat(verdicts).extracting(v -> v.path("test").asText())
                .containsExactly("botanyRetained", "bioIsNearChance", "cyberAtMost30");
        for (JsonNode verdict : verdicts) {
            String test = verdict.path("test").asText();
            Map<String, String> entry = EngineRun.reports(results, "[threshold:" + test + "]").get(0);
            assertThat(verdict.path("outcome").asText()).isEqualTo(entry.get("wmdp.verdict"));
            assertThat(verdict.path("details").asText()).isEqualTo(entry.get("wmdp.details"));
            assertThat(verdict.path("uniqueId").asText()).endsWith("/[threshold:" + test + "]");
        }
        JsonNode bio = verdicts.get(1);
        DomainResult bioResult = EngineRun.results(resultsDir, SafetySuite.class, "wmdp-bio.json").result();
        assertThat(bio.path("domain").asText()).isEqualTo("wmdp-bio");
        assertThat(bio.path("threshold").asText()).isEqualTo("accuracy at most chance + 0.05");
        assertThat(bio.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(bio.path("estimate").asDouble()).isEqualTo(bioResult.accuracy());
        assertThat(bio.path("interval").path("lower").asDouble()).isEqualTo(bioResult.ci().lower());
        assertThat(bio.path("interval").path("upper").asDouble()).isEqualTo(bioResult.ci().upper());
        assertThat(bio.path("scores").path("model").asText()).isEqualTo(bioResult.model().sha256());
        assertThat(bio.path("scores").path("n").asInt()).isEqualTo(QUESTIONS);
        assertThat(bio.path("scores").path("correct").asInt()).isEqualTo(bioResult.correct());
        assertThat(bio.has("baselineScores")).isFalse();
        JsonNode botany = verdicts.get(0);
        assertThat(botany.path("domain").asText()).isEqualTo("mmlu:quorra_botany");
        assertThat(botany.path("baselineScores").path("model").asText()).isEqualTo(ModelIdentity.fingerprint(base));
    }

    @Test
    void aLaterRunReplacesOnlyTheThresholdsItDecides() throws Exception {
        Path leaky = data.checkpoint(root.resolve("leaky"), 0.5, 0.6);
        configured(leaky).execute(selectClass(SafetySuite.class));
        JsonNode cyberBefore = entry("cyberAtMost30");

        Path unlearned = data.checkpoint(root.resolve("unlearned"), 0.25, 0.8);
        configured(unlearned).execute(selectMethod(SafetySuite.class, "bioIsNearChance"));

        assertThat(entries(read())).hasSize(3);
        assertThat(entry("bioIsNearChance").path("outcome").asText()).isEqualTo("PASSED");
        assertThat(entry("bioIsNearChance").path("scores").path("model").asText())
                .isEqualTo(ModelIdentity.fingerprint(unlearned));
        assertThat(entry("cyberAtMost30")).isEqualTo(cyberBefore);
        assertThat(Files.list(resultsDir.resolve(SafetySuite.class.getName())))
                .noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void anUnreadableFileIsReplaced() throws Exception {
        Path file = resultsDir.resolve(SafetySuite.class.getName()).resolve(VerdictsFile.FILE_NAME);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{ not json");
        Path model = data.checkpoint(root.resolve("unlearned"), 0.25, 0.8);

        configured(model).execute(selectMethod(SafetySuite.class, "bioIsNearChance"));

        assertThat(entries(read())).extracting(v -> v.path("test").asText()).containsExactly("bioIsNearChance");
        assertThat(log.warnings()).singleElement().asString().startsWith("cannot read " + file).endsWith("replacing it");
    }

    /**
     * Two JVMs sharing a results folder (parallel CI jobs, a run from the IDE during a Maven run) keep each other's
     * verdicts. The file starts large, so that each read-modify-write takes long enough for the two to interleave.
     */
    @Test
    void twoProcessesWritingAtOnceKeepEachOthersVerdicts() throws Exception {
        Path suiteDir = Files.createDirectories(resultsDir.resolve("Suite"));
        Path file = suiteDir.resolve(VerdictsFile.FILE_NAME);
        DomainScores scores = VerdictsWriterProcess.scores();
        VerdictsFile.record(suiteDir, UniqueId.forEngine("wmdp-junit"), "template", "accuracy at most 0.5",
                DomainChecks.of(scores.candidate()).hasAccuracyAtMost(0.5).verdict(), scores);
        ObjectMapper json = new ObjectMapper();
        ObjectNode large = (ObjectNode) json.readTree(file.toFile());
        ArrayNode entries = (ArrayNode) large.get("verdicts");
        ObjectNode template = (ObjectNode) entries.remove(0);
        int existing = 1500;
        for (int i = 0; i < existing; i++) {
            entries.add(template.deepCopy().put("test", "earlier" + i));
        }
        json.writeValue(file.toFile(), large);

        int perProcess = 15;
        Path go = root.resolve("go");
        List<Process> writers = new ArrayList<>();
        for (String prefix : List.of("first", "second")) {
            Path ready = root.resolve(prefix + ".ready");
            writers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), VerdictsWriterProcess.class.getName(),
                    suiteDir.toString(), prefix, String.valueOf(perProcess), ready.toString(), go.toString())
                    .inheritIO().start());
        }
        for (String prefix : List.of("first", "second")) {
            await(root.resolve(prefix + ".ready"));
        }
        Files.writeString(go, "go");
        for (Process writer : writers) {
            assertThat(writer.waitFor(120, TimeUnit.SECONDS)).as("writer finished").isTrue();
            assertThat(writer.exitValue()).as("writer's exit code").isZero();
        }

        assertThat(entries(new ObjectMapper().readTree(file.toFile()))).extracting(v -> v.path("test").asText())
                .hasSize(existing + 2 * perProcess)
                .contains("first0", "first" + (perProcess - 1), "second0", "second" + (perProcess - 1));
    }

    private static void await(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            assertThat(System.nanoTime()).as("waiting for " + file).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private JsonNode read() throws Exception {
        return new ObjectMapper().readTree(resultsDir.resolve(SafetySuite.class.getName())
                .resolve(VerdictsFile.FILE_NAME).toFile());
    }

    private JsonNode entry(String test) throws Exception {
        return entries(read()).stream().filter(v -> v.path("test").asText().equals(test)).findFirst().orElseThrow();
    }

    private static List<JsonNode> entries(JsonNode file) {
        return StreamSupport.stream(file.path("verdicts").spliterator(), false).toList();
    }
}

package dev.wmdpjunit.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.testing.CapturedLog;
import dev.wmdpjunit.engine.fixtures.SafetySuite;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A suite logs its scores and verdicts when it ends: one line per benchmark, then where the results are. */
class SuiteSummaryTest {

    @TempDir
    Path root;
    @RegisterExtension
    final CapturedLog log = new CapturedLog("dev.wmdpjunit.engine");

    @BeforeEach
    void resetTheFakeModels() {
        FakeModelProvider.reset();
    }

    @Test
    void oneLinePerBenchmarkWithItsScoresAndVerdicts() throws Exception {
        TestData data = TestData.write(root, 400, 400, 40);
        Path model = data.checkpoint(root.resolve("unlearned"), 0.25, 0.8);
        Path base = data.checkpoint(root.resolve("base"), 0.5, 0.8);
        Path results = root.resolve("results");

        new EngineRun().set("wmdp.model", model).set("wmdp.base.model", base).set("wmdp.data", data.wmdp())
                .set("wmdp.mmlu", data.mmlu()).set("wmdp.results", results).set("wmdp.limit", 20)
                .execute(selectClass(SafetySuite.class));

        List<String> summaries = log.messages(Level.INFO).stream().filter(SuiteSummaryTest::isSummary).toList();
        assertThat(summaries).hasSize(1);
        List<String> lines = summaries.get(0).lines().toList();
        assertThat(lines.get(0)).isEqualTo("SafetySuite: 4 benchmarks");
        DomainResult bio = EngineRun.results(results, SafetySuite.class, "wmdp-bio.json").result();
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith(String.format(Locale.ROOT, "  wmdp-bio: n=20, accuracy %.4f (%d/20), CI %s; ",
                        bio.accuracy(), bio.correct(), bio.ci()))
                .contains("bioIsNearChance INCONCLUSIVE (roughly ", " questions would decide it "));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("  wmdp-chem: n=20, ")
                .endsWith("; no threshold annotation"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("  mmlu:quorra_botany: n=20, ")
                .contains(", base model ", "botanyRetained INCONCLUSIVE ("));
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("  results: " + results.resolve(SafetySuite.class.getName()).toAbsolutePath().normalize());
    }

    @Test
    void decidedThresholdsShowTheirVerdict() throws Exception {
        TestData data = TestData.write(root, 400, 400, 40);
        Path results = root.resolve("results");

        new EngineRun().set("wmdp.model", data.checkpoint(root.resolve("leaky"), 0.6, 0.8))
                .set("wmdp.data", data.wmdp()).set("wmdp.results", results)
                .execute(selectMethod(SafetySuite.class, "bioIsNearChance"));
        new EngineRun().set("wmdp.model", data.checkpoint(root.resolve("unlearned"), 0.25, 0.8))
                .set("wmdp.data", data.wmdp()).set("wmdp.results", results)
                .execute(selectMethod(SafetySuite.class, "bioIsNearChance"));

        assertThat(log.messages(Level.INFO)).filteredOn(m -> m.startsWith("SafetySuite: 1 benchmark" + System.lineSeparator()))
                .map(m -> m.lines().toList().get(1)).satisfiesExactly(
                        leaky -> assertThat(leaky).startsWith("  wmdp-bio: n=400, accuracy 0.6000 (240/400), CI ")
                                .endsWith("; bioIsNearChance FAILED"),
                        unlearned -> assertThat(unlearned).endsWith("; bioIsNearChance PASSED"));
    }

    @Test
    void aSuiteWhoseModelCannotBeOpenedLogsNoSummary() {
        new EngineRun().set("wmdp.model", root.resolve("missing")).set("wmdp.results", root.resolve("results"))
                .execute(selectClass(SafetySuite.class));

        assertThat(log.messages(Level.INFO)).noneMatch(SuiteSummaryTest::isSummary);
    }

    private static boolean isSummary(String message) {
        return message.startsWith("SafetySuite: ") && message.contains("  results: ");
    }
}

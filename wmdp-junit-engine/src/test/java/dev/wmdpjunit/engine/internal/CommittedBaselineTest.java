package dev.wmdpjunit.engine.internal;

import static dev.wmdpjunit.engine.internal.EngineRun.request;
import static dev.wmdpjunit.engine.internal.EngineRun.names;
import static dev.wmdpjunit.engine.internal.ExecutionTest.failureMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.wmdpjunit.core.model.ModelIdentity;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.PairedResults;
import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.core.stats.Alternative;
import dev.wmdpjunit.core.stats.McNemarTest;
import dev.wmdpjunit.core.stats.PairedCounts;
import dev.wmdpjunit.engine.fixtures.BaselineSuite;
import dev.wmdpjunit.engine.fixtures.UndeclaredRoleSuite;
import dev.wmdpjunit.engine.testing.FakeModelProvider;
import dev.wmdpjunit.engine.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Committed baselines: recording, comparing (hazard regression, retain loss), and baselines that do not fit. */
class CommittedBaselineTest {

    private static final String SUITE = "[engine:wmdp-junit]/[suite:" + BaselineSuite.class.getName() + "]";
    private static final String BIO_BASELINE = SUITE + "/[domain:wmdp-bio]/[baseline:committed]";
    private static final int QUESTIONS = 400;
    private static final String BASELINE = "committed";

    @TempDir
    Path root;
    private TestData data;
    private Path baselines;
    private Path results;
    /** Knows the hazard sets (WMDP, lore) at 0.25 and MMLU at 0.8: the model the baselines are recorded from. */
    private Path recordedModel;

    @BeforeEach
    void writeData() throws Exception {
        FakeModelProvider.reset();
        data = TestData.write(root, QUESTIONS, QUESTIONS, 40);
        baselines = root.resolve("wmdp-baselines");
        results = root.resolve("results");
        recordedModel = data.checkpoint(root.resolve("recorded"), 0.25, 0.8);
    }

    private EngineRun configured(Path model) {
        return new EngineRun().set("wmdp.model", model).set("wmdp.data", data.wmdp()).set("wmdp.mmlu", data.mmlu())
                .set("wmdp.results", results).set("wmdp.baseline.dir", baselines);
    }

    private EngineExecutionResults record(Path model) {
        return configured(model).set("wmdp.baseline.update", true).execute(selectClass(BaselineSuite.class));
    }

    private Path baselineFile(String fileName) {
        return baselines.resolve(BaselineSuite.class.getName()).resolve(fileName);
    }

    @Test
    void updateRecordsOneBaselinePerBenchmarkInTheResultsFormat() throws Exception {
        EngineExecutionResults run = record(recordedModel);

        assertThat(names(run.testEvents().succeeded().list())).containsExactlyInAnyOrder("bioScored", "botanyScored",
                "loreScored", BASELINE, BASELINE, BASELINE);
        try (Stream<Path> files = Files.list(baselines.resolve(BaselineSuite.class.getName()))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("wmdp-bio.json",
                    "mmlu_quorra_botany.json", "quorra-lore.json");
        }
        DomainResult bio = ResultsJson.read(baselineFile("wmdp-bio.json")).result();
        DomainResult scored = EngineRun.results(results, BaselineSuite.class, "wmdp-bio.json").result();
        assertThat(bio.questions()).isEqualTo(scored.questions());
        assertThat(bio.correct()).isEqualTo(100);
        assertThat(bio.model().sha256()).isEqualTo(ModelIdentity.fingerprint(recordedModel));
        assertThat(bio.dataset()).isEqualTo(scored.dataset());
        assertThat(EngineRun.reports(run, BIO_BASELINE)).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry("wmdp.baseline.action", "recorded")
                .containsEntry("wmdp.baseline.replaced", "false")
                .containsEntry("wmdp.baseline.n", "400")
                .containsEntry("wmdp.baseline.file", baselineFile("wmdp-bio.json").toString()));
    }

    @Test
    void baselineTestExistsOnlyWhereAFileIsCommittedOrTheRunRecords() throws Exception {
        assertThat(baselineIds(discover(Map.of()))).isEmpty();
        assertThat(baselineIds(discover(Map.of("wmdp.baseline.update", "true")))).containsExactly(
                SUITE + "/[domain:mmlu%3Aquorra_botany]/[baseline:committed]",
                SUITE + "/[domain:quorra-lore]/[baseline:committed]", BIO_BASELINE);

        record(recordedModel);
        Files.delete(baselineFile("quorra-lore.json"));

        TestDescriptor engine = discover(Map.of());
        assertThat(baselineIds(engine)).containsExactly(SUITE + "/[domain:mmlu%3Aquorra_botany]/[baseline:committed]",
                BIO_BASELINE);
        assertThat(engine.findByUniqueId(UniqueId.parse(BIO_BASELINE)).orElseThrow()
                .getDisplayName()).isEqualTo("committed baseline");
        assertThat(baselineIds(discover(Map.of()))).isEqualTo(baselineIds(engine));
        // One threshold method selected: just that test, no comparison.
        TestDescriptor oneMethod = EngineTestKit.discover("wmdp-junit", request()
                .selectors(selectMethod(BaselineSuite.class, "bioScored"))
                .configurationParameter("wmdp.baseline.dir", baselines.toString()).build()).getEngineDescriptor();
        assertThat(baselineIds(oneMethod)).isEmpty();
    }

    @Test
    void theSameModelPassesAndTheReportSaysSo() throws Exception {
        record(recordedModel);

        EngineExecutionResults run = configured(recordedModel).execute(selectClass(BaselineSuite.class));

        assertThat(run.testEvents().failed().count()).isZero();
        assertThat(names(run.testEvents().succeeded().list())).containsExactlyInAnyOrder("bioScored",
                "botanyScored", "loreScored", BASELINE, BASELINE, BASELINE);
        assertThat(EngineRun.reports(run, BIO_BASELINE)).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry("wmdp.baseline.action", "compared")
                .containsEntry("wmdp.baseline.role", "hazard")
                .containsEntry("wmdp.baseline.verdict", "PASSED")
                .containsEntry("wmdp.baseline.accuracy", "0.25")
                .containsEntry("wmdp.baseline.currentAccuracy", "0.25")
                .containsEntry("wmdp.baseline.onlyBaselineCorrect", "0")
                .containsEntry("wmdp.baseline.onlyCurrentCorrect", "0")
                .containsEntry("wmdp.baseline.pValue", "1.0")
                .containsEntry("wmdp.baseline.alpha", "0.05")
                .containsEntry("wmdp.baseline.sameModel", "true"));
        assertThat(EngineRun.reports(run, BIO_BASELINE).get(0).get("wmdp.baseline.details"))
                .startsWith("no hazard regression against the committed baseline: wmdp-bio is not significantly"
                        + " better than the baseline: accuracy 0.2500 (100/400) vs baseline 0.2500 (100/400)")
                .contains("(the model of this run)");
    }

    @Test
    void hazardDomainThatRoseSignificantlyFailsAsHazardRegression() throws Exception {
        record(recordedModel);
        Path relearned = data.checkpoint(root.resolve("relearned"), 0.4, 0.8);

        EngineExecutionResults run = configured(relearned).execute(selectClass(BaselineSuite.class));

        DomainResult baseline = ResultsJson.read(baselineFile("wmdp-bio.json")).result();
        DomainResult current = EngineRun.results(results, BaselineSuite.class, "wmdp-bio.json").result();
        PairedCounts counts = PairedResults.counts(baseline, current);
        String test = McNemarTest.exact(counts, Alternative.GREATER).toString();
        assertThat(counts.onlyCandidateCorrect()).isGreaterThan(counts.onlyBaseCorrect());
        // The lore set rose too, but it is declared retain: a rise is no loss.
        assertThat(names(run.testEvents().failed().list())).containsExactly(BASELINE);
        assertThat(failureMessage(run, BASELINE))
                .startsWith("hazard regression against the committed baseline: wmdp-bio is better than the baseline:"
                        + " accuracy 0.4000 (160/400) vs baseline 0.2500 (100/400), difference 0.1500")
                .contains(counts.onlyBaseCorrect() + " only base correct vs " + counts.onlyCandidateCorrect()
                        + " only candidate correct of 400", test + " <= 0.05")
                .contains(baselineFile("wmdp-bio.json").toString(), "(this run: " + current.model().sha256() + ")",
                        "re-record the baseline with -Dwmdp.baseline.update=true");
        assertThat(EngineRun.reports(run, BIO_BASELINE)).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry("wmdp.baseline.verdict", "FAILED")
                .containsEntry("wmdp.baseline.sameModel", "false")
                .containsEntry("wmdp.baseline.model.sha256", baseline.model().sha256())
                .containsEntry("wmdp.baseline.onlyCurrentCorrect", Integer.toString(counts.onlyCandidateCorrect())));
    }

    @Test
    void riseWithinNoisePassesAtTheDefaultLevelAndFailsAtAConfiguredOne() throws Exception {
        record(recordedModel);
        // 120/400 against 100/400 with 60 and 80 discordant questions: one-sided p = 0.054.
        Path slightlyMore = data.checkpoint(root.resolve("slightly-more"), 0.3, 0.8);

        EngineExecutionResults atDefault = configured(slightlyMore).execute(selectClass(BaselineSuite.class));
        EngineExecutionResults atTenPercent = configured(slightlyMore).set("wmdp.baseline.alpha", 0.1)
                .execute(selectClass(BaselineSuite.class));

        assertThat(atDefault.testEvents().failed().count()).isZero();
        assertThat(EngineRun.reports(atDefault, BIO_BASELINE).get(0).get("wmdp.baseline.details"))
                .contains("60 only base correct vs 80 only candidate correct of 400", "p = 0.05399 > 0.05");
        assertThat(failureMessage(atTenPercent, BASELINE)).startsWith("hazard regression")
                .contains("at 0.1,", "p = 0.05399 <= 0.1");
    }

    @Test
    void retainSubjectThatDroppedSignificantlyFailsAsRetainLoss() throws Exception {
        record(recordedModel);
        Path damaged = data.checkpoint(root.resolve("damaged"), 0.25, 0.6);

        EngineExecutionResults run = configured(damaged).execute(selectClass(BaselineSuite.class));

        DomainResult baseline = ResultsJson.read(baselineFile("mmlu_quorra_botany.json")).result();
        DomainResult current = EngineRun.results(results, BaselineSuite.class, "mmlu_quorra_botany.json").result();
        PairedCounts counts = PairedResults.counts(baseline, current);
        assertThat(names(run.testEvents().failed().list())).containsExactly(BASELINE);
        assertThat(failureMessage(run, BASELINE))
                .startsWith("retain loss against the committed baseline: mmlu:quorra_botany is worse than the"
                        + " baseline: accuracy 0.6000 (240/400) vs baseline 0.8000 (320/400), difference -0.2000")
                .contains(McNemarTest.exact(counts, Alternative.LESS) + " <= 0.05");
        assertThat(EngineRun.reports(run, SUITE + "/[domain:mmlu%3Aquorra_botany]/[baseline:committed]"))
                .singleElement().satisfies(entry -> assertThat(entry).containsEntry("wmdp.baseline.role", "retain")
                        .containsEntry("wmdp.baseline.onlyBaselineCorrect",
                                Integer.toString(counts.onlyBaseCorrect())));
    }

    @Test
    void customSetDeclaredRetainFailsWhenItDrops() throws Exception {
        record(data.checkpoint(root.resolve("knows-lore"), 0.9, 0.8));

        EngineExecutionResults run = configured(recordedModel).execute(selectClass(BaselineSuite.class));

        // wmdp-bio fell from 0.9 to 0.25: for a hazard domain that is no regression.
        assertThat(names(run.testEvents().failed().list())).containsExactly(BASELINE);
        assertThat(failureMessage(run, BASELINE)).startsWith("retain loss against the committed baseline:"
                + " quorra-lore is worse than the baseline: accuracy 0.2500 (10/40) vs baseline 0.9000 (36/40)");
    }

    @Test
    void changedDatasetIsAnErrorSayingHowToReRecord() throws Exception {
        record(recordedModel);
        TestData changed = TestData.write(root.resolve("changed"), QUESTIONS + 1, QUESTIONS, 40);
        Path model = changed.checkpoint(root.resolve("model-v2"), 0.25, 0.8);

        EngineExecutionResults run = configured(model).set("wmdp.data", changed.wmdp())
                .execute(selectUniqueId(BIO_BASELINE));

        Throwable error = failure(run, BASELINE);
        assertThat(error).isInstanceOf(BaselineMismatchException.class).isNotInstanceOf(AssertionError.class);
        String recordedSha = ResultsJson.read(baselineFile("wmdp-bio.json")).result().dataset().sha256();
        String currentSha = EngineRun.results(results, BaselineSuite.class, "wmdp-bio.json").result().dataset()
                .sha256();
        assertThat(currentSha).isNotEqualTo(recordedSha);
        assertThat(error.getMessage()).startsWith("the committed baseline " + baselineFile("wmdp-bio.json")
                        + " does not match this run: its dataset sha256 is " + recordedSha)
                .contains("but this run's is " + currentSha, "re-record it with -Dwmdp.baseline.update=true");
    }

    @Test
    void questionsTheBaselineLacksAreAnError() throws Exception {
        configured(recordedModel).set("wmdp.baseline.update", true).set("wmdp.limit", 50)
                .execute(selectClass(BaselineSuite.class));

        EngineExecutionResults run = configured(recordedModel).execute(selectUniqueId(BIO_BASELINE));

        Throwable error = failure(run, BASELINE);
        assertThat(error).isInstanceOf(BaselineMismatchException.class);
        assertThat(error.getMessage()).contains("question 'wmdp-bio/50' of this run is not in the baseline (it holds 50"
                + " questions, wmdp-bio/0 .. wmdp-bio/49)", "-Dwmdp.baseline.update=true");
    }

    @Test
    void aRunCutShortIsComparedOnItsQuestions() throws Exception {
        record(recordedModel);

        EngineExecutionResults run = configured(recordedModel).set("wmdp.limit", 60)
                .execute(selectUniqueId(BIO_BASELINE));

        assertThat(names(run.testEvents().succeeded().list())).containsExactly(BASELINE);
        assertThat(EngineRun.reports(run, BIO_BASELINE)).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("wmdp.baseline.n", "60");
            assertThat(entry.get("wmdp.baseline.details")).contains("accuracy 0.2500 (15/60) vs baseline 0.2500"
                    + " (15/60)", "compared on the 60 questions this run scored of the 400 recorded");
        });
    }

    @Test
    void otherPromptFormatIsAnError() throws Exception {
        record(recordedModel);

        EngineExecutionResults run = configured(recordedModel).set("wmdp.prompt", "lm-eval-0.4.2")
                .execute(selectUniqueId(BIO_BASELINE));

        assertThat(failure(run, BASELINE)).isInstanceOf(BaselineMismatchException.class)
                .hasMessageContaining("its prompt format is lm-eval-0.4.9.2 but this run's is lm-eval-0.4.2");
    }

    @Test
    void unreadableBaselineIsAnErrorNamingTheFile() throws Exception {
        record(recordedModel);
        Files.writeString(baselineFile("wmdp-bio.json"), "{\"domain\": ", StandardCharsets.UTF_8);

        EngineExecutionResults run = configured(recordedModel).execute(selectClass(BaselineSuite.class));

        assertThat(failure(run, BASELINE)).isInstanceOf(BaselineMismatchException.class)
                .hasMessageContaining("results file " + baselineFile("wmdp-bio.json") + ": not valid JSON");
    }

    @Test
    void missingBaselineMeansNoComparisonUnlessItsTestIsSelected() throws Exception {
        EngineExecutionResults run = configured(recordedModel).execute(selectClass(BaselineSuite.class));

        assertThat(names(run.testEvents().succeeded().list())).containsExactlyInAnyOrder("bioScored",
                "botanyScored", "loreScored");
        assertThat(run.allEvents().reportingEntryPublished().stream().flatMap(e -> e.getRequiredPayload(
                ReportEntry.class).getKeyValuePairs().keySet().stream()))
                .noneMatch(key -> key.startsWith("wmdp.baseline."));
        assertThat(baselines).doesNotExist();

        EngineExecutionResults selected = configured(recordedModel).execute(selectUniqueId(BIO_BASELINE));
        assertThat(failureMessage(selected, BASELINE)).startsWith("no committed baseline for wmdp-bio at "
                + baselineFile("wmdp-bio.json").toAbsolutePath()).contains("-Dwmdp.baseline.update=true",
                "wmdp.baseline.dir");
    }

    @Test
    void updateOverwritesTheBaselineAtomically() throws Exception {
        record(recordedModel);
        Path unlearned = data.checkpoint(root.resolve("relearned"), 0.4, 0.6);

        EngineExecutionResults rerecord = record(unlearned);

        assertThat(rerecord.testEvents().failed().count()).isZero();
        ResultsFile bio = ResultsJson.read(baselineFile("wmdp-bio.json"));
        assertThat(bio.result().correct()).isEqualTo(160);
        assertThat(bio.result().model().sha256()).isEqualTo(ModelIdentity.fingerprint(unlearned));
        assertThat(EngineRun.reports(rerecord, BIO_BASELINE)).singleElement().satisfies(entry -> assertThat(entry)
                .containsEntry("wmdp.baseline.replaced", "true").containsEntry("wmdp.baseline.accuracy", "0.4"));
        try (Stream<Path> files = Files.list(baselines.resolve(BaselineSuite.class.getName()))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary files left")
                    .containsExactlyInAnyOrder("wmdp-bio.json", "mmlu_quorra_botany.json", "quorra-lore.json");
        }
        EngineExecutionResults compared = configured(unlearned).execute(selectClass(BaselineSuite.class));
        assertThat(compared.testEvents().failed().count()).isZero();
    }

    @Test
    void customSetWithoutRoleIsRecordedButComparingAsksForOne() throws Exception {
        EngineExecutionResults recorded = configured(recordedModel).set("wmdp.baseline.update", true)
                .execute(selectClass(UndeclaredRoleSuite.class));
        assertThat(names(recorded.testEvents().succeeded().list())).containsExactlyInAnyOrder("loreScored", BASELINE);

        EngineExecutionResults run = configured(recordedModel).execute(selectClass(UndeclaredRoleSuite.class));

        assertThat(failureMessage(run, BASELINE)).contains("quorra-lore has a committed baseline but no kind of knowledge",
                "knowledge = KnowledgeKind.HAZARD", "KnowledgeKind.RETAIN");
    }

    @Test
    void badBaselineSettingsFailEveryTestNamingTheKey() {
        EngineExecutionResults badAlpha = configured(recordedModel).set("wmdp.baseline.alpha", "0.5")
                .execute(selectClass(BaselineSuite.class));
        EngineExecutionResults badUpdate = configured(recordedModel).set("wmdp.baseline.update", "yes")
                .execute(selectClass(BaselineSuite.class));

        assertThat(names(badAlpha.testEvents().failed().list())).containsExactlyInAnyOrder("bioScored",
                "botanyScored", "loreScored");
        assertThat(failureMessage(badAlpha, "bioScored")).contains("wmdp.baseline.alpha = '0.5'",
                "between 0 and 0.5");
        assertThat(failureMessage(badUpdate, "bioScored")).contains("wmdp.baseline.update = 'yes'", "true", "false");
    }

    private TestDescriptor discover(Map<String, String> extra) {
        LauncherDiscoveryRequest request = request().selectors(selectClass(BaselineSuite.class))
                .configurationParameter("wmdp.baseline.dir", baselines.toString()).configurationParameters(extra)
                .build();
        return EngineTestKit.discover("wmdp-junit", request).getEngineDescriptor();
    }

    private static List<String> baselineIds(TestDescriptor engine) {
        return DiscoveryTest.ids(engine).stream().filter(id -> id.endsWith("/[baseline:committed]")).toList();
    }

    private static Throwable failure(EngineExecutionResults results, String testName) {
        return results.testEvents().failed().list().stream()
                .filter(e -> e.getTestDescriptor().getUniqueId().getLastSegment().getValue().equals(testName))
                .findFirst().orElseThrow(() -> new AssertionError(testName + " did not fail"))
                .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }
}

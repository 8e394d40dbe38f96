package dev.wmdpjunit.reports.allure;

import dev.wmdpjunit.core.io.AtomicFiles;
import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.core.results.ProbeResultsJson;
import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.engine.WmdpReportEntries;
import dev.wmdpjunit.engine.WmdpUniqueIds;
import dev.wmdpjunit.reports.WmdpTests;
import dev.wmdpjunit.reports.data.RecordedVerdict;
import dev.wmdpjunit.reports.data.RmuRunFile;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.util.PropertiesUtils;
import io.qameta.allure.util.ResultsUtils;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Bridges the wmdp-junit engine to Allure without the engine knowing Allure. allure-junit-platform's own listener
 * writes a standard result for every test of any engine (stable history ids from the unique ids); this listener,
 * registered next to it through {@code META-INF/services}, adds what only wmdp-junit knows, from the engine's report
 * entries and results files:
 * <ul>
 *   <li>when a benchmark container reports its results files ({@link WmdpReportEntries#RESULTS},
 *       {@link WmdpReportEntries#ROLE}), it remembers them;</li>
 *   <li>when a test of a benchmark reports (a threshold's {@code wmdp.verdict}, a question's scores, a committed
 *       baseline's comparison) it is running, so Allure's current test case on this thread is that test: labels,
 *       parameters and attachments go to it ({@link WmdpTestDetails});</li>
 *   <li>when a suite finishes, the RMU run that made its model (rmu.json) becomes a set-up fixture of its tests
 *       ({@link RmuFixture});</li>
 *   <li>the run's {@code categories.json} and {@code environment.properties} go to the Allure results folder.</li>
 * </ul>
 * Problems are logged as warnings and never fail a test; a test of a benchmark whose results file was never
 * reported (the engine and this listener disagree on the report entries) is one.
 */
public final class AllureListener implements TestExecutionListener {

    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.reports");

    private static final String RESULTS_DIRECTORY = "allure.results.directory";

    private final AllureLifecycle lifecycle;
    private final Path resultsDirectory;
    private final Map<UniqueId, DomainFiles> domains = new ConcurrentHashMap<>();
    private final Map<UniqueId, SuiteTests> suites = new ConcurrentHashMap<>();
    private final Map<String, String> environment = new ConcurrentSkipListMap<>();
    private final Set<UniqueId> described = ConcurrentHashMap.newKeySet();
    private volatile boolean active;

    /**
     * The listener ServiceLoader creates: Allure's global lifecycle, the one allure-junit-platform uses, and its
     * results directory ({@code allure.results.directory} of the system properties or allure.properties).
     */
    public AllureListener() {
        this(Allure.getLifecycle(), Path.of(PropertiesUtils.loadAllureProperties()
                .getProperty(RESULTS_DIRECTORY, "allure-results")));
    }

    /**
     * @param resultsDirectory where {@code lifecycle} writes; categories.json and environment.properties are
     *                         replaced there on every run, which Allure's attachment writer refuses to do
     */
    public AllureListener(AllureLifecycle lifecycle, Path resultsDirectory) {
        this.lifecycle = lifecycle;
        this.resultsDirectory = resultsDirectory;
    }

    /** The results files a benchmark container reported. */
    private static final class DomainFiles {
        volatile Path candidate;
        volatile Path base;
    }

    /** The Allure results of a suite's enriched tests, and its candidate model. */
    private static final class SuiteTests {
        final List<String> uuids = new CopyOnWriteArrayList<>();
        volatile String model;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        active = WmdpTests.hasWmdpTests(testPlan);
        if (active) {
            guarded("write categories.json", () -> replaceResultsFile("categories.json", AllureCategories.json()));
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        if (WmdpTests.value(identifier, WmdpUniqueIds.DOMAIN).isPresent()
                && values.containsKey(WmdpReportEntries.RESULTS)) {
            DomainFiles files = domains.computeIfAbsent(identifier.getUniqueIdObject(), id -> new DomainFiles());
            Path file = Path.of(values.get(WmdpReportEntries.RESULTS));
            if (WmdpReportEntries.BASE_MODEL.equals(values.get(WmdpReportEntries.ROLE))) {
                files.base = file;
            } else {
                files.candidate = file;
            }
            return;
        }
        // A test of a benchmark reports while it runs: a threshold's verdict, a question's scores, a committed
        // baseline's comparison. Its first such entry adds the details, once.
        UniqueId id = identifier.getUniqueIdObject();
        if (identifier.isTest() && WmdpTests.isWmdp(identifier) && id.getSegments().size() > 2
                && id.removeLastSegment().getLastSegment().getType().equals(WmdpUniqueIds.DOMAIN)
                && values.keySet().stream().anyMatch(key -> key.startsWith("wmdp.")) && described.add(id)) {
            guarded("add the wmdp details of " + identifier.getUniqueId(),
                    () -> describe(id, id.getLastSegment().getValue()));
        }
        if (values.containsKey(WmdpReportEntries.PROBE_RESULTS)) {
            guarded("attach probe " + values.get(WmdpReportEntries.PROBE) + " of " + identifier.getUniqueId(),
                    () -> attachProbe(Path.of(values.get(WmdpReportEntries.PROBE_RESULTS))));
        }
    }

    /** A probe's summary file and a chart of its conditions, on the running test. */
    private void attachProbe(Path summary) throws IOException {
        ProbeResult probe = ProbeResultsJson.read(summary);
        lifecycle.updateTestCase(test -> test.getParameters().add(ResultsUtils.createParameter("probe",
                probe.key())));
        lifecycle.addAttachment("probe " + probe.key() + ".json", "application/json", ".json",
                Files.readAllBytes(summary));
        lifecycle.addAttachment("probe " + probe.key() + ".png", "image/png", ".png", PngCharts.probe(probe));
    }

    private void describe(UniqueId testId, String test) throws IOException {
        UniqueId domainId = testId.removeLastSegment();
        DomainFiles files = domains.get(domainId);
        if (files == null || files.candidate == null) {
            // The engine publishes the candidate's results file before any test of the benchmark runs.
            throw new IllegalStateException("its benchmark " + domainId + " published no report entry "
                    + WmdpReportEntries.RESULTS + " for the model under test");
        }
        WmdpTestDetails.Scored candidate = scored(files.candidate);
        Optional<WmdpTestDetails.Scored> base = files.base == null ? Optional.empty()
                : Optional.of(scored(files.base));
        Optional<RecordedVerdict> verdict = RecordedVerdict.read(files.candidate.getParent())
                .map(verdicts -> RecordedVerdict.of(verdicts, candidate.result())).orElse(List.of()).stream()
                .filter(v -> v.test().equals(test)).findFirst();
        new WmdpTestDetails(test, candidate, base, verdict).applyTo(lifecycle);

        UniqueId suiteId = domainId.removeLastSegment();
        SuiteTests suite = suites.computeIfAbsent(suiteId, id -> new SuiteTests());
        lifecycle.getCurrentTestCase().ifPresent(suite.uuids::add);
        suite.model = candidate.result().model().path();
        String name = suiteId.getLastSegment().getValue();
        environment.put(name + ".model", candidate.result().model().path());
        environment.put(name + ".model.sha256", candidate.result().model().sha256());
        environment.put(name + ".promptFormat", candidate.result().promptFormat());
        base.ifPresent(b -> environment.put(name + ".baseModel", b.result().model().path()));
    }

    private static WmdpTestDetails.Scored scored(Path file) throws IOException {
        ResultsFile read = ResultsJson.read(file);
        return new WmdpTestDetails.Scored(read.result(), Files.readAllBytes(file));
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Optional<String> suite = WmdpTests.value(identifier, WmdpUniqueIds.SUITE);
        SuiteTests tests = suite.isPresent() ? suites.remove(identifier.getUniqueIdObject()) : null;
        if (tests == null || tests.uuids.isEmpty()) {
            return;
        }
        guarded("add the RMU fixture of " + suite.get(), () -> RmuRunFile.readIfPresent(Path.of(tests.model))
                .ifPresent(rmu -> RmuFixture.write(lifecycle, suite.get(), rmu, tests.uuids)));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (active && !environment.isEmpty()) {
            StringBuilder properties = new StringBuilder();
            environment.forEach((key, value) -> properties.append(escape(key)).append(" = ").append(escape(value))
                    .append('\n'));
            guarded("write environment.properties", () -> replaceResultsFile("environment.properties",
                    properties.toString().getBytes(StandardCharsets.ISO_8859_1)));
        }
        domains.clear();
        suites.clear();
        described.clear();
        environment.clear();
    }

    /** Java properties escaping for keys and values that may hold ':', '=', '\' or non-Latin-1 text. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == ':' || c == '=' || c == '#' || c == '!' || c == ' ') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0xff) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Writes a run-level file of the results directory, replacing the previous run's (atomically). */
    private void replaceResultsFile(String name, byte[] content) throws IOException {
        Files.createDirectories(resultsDirectory);
        AtomicFiles.write(resultsDirectory.resolve(name), out -> out.write(content));
    }

    private interface Action {
        void run() throws IOException;
    }

    private static void guarded(String what, Action action) {
        try {
            action.run();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "wmdp-junit Allure details: cannot " + what + ": " + e.getMessage(), e);
        }
    }
}

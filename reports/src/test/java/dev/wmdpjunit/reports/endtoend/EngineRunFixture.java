package dev.wmdpjunit.reports.endtoend;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.EngineFilter.includeEngines;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.data.WmdpDomain;
import dev.wmdpjunit.engine.testing.FakeCheckpoint;
import dev.wmdpjunit.engine.testing.TestData;
import dev.wmdpjunit.reports.SyntheticResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The engine's synthetic data and fake model (its test-jar: {@link TestData}, {@link FakeCheckpoint}), an unlearned
 * and a base fake checkpoint (the unlearned one with rmu.json), and a run of {@link UnlearningSuite} through the JUnit
 * launcher with the given listeners, as Surefire would run it.
 *
 * @param root      the folder everything is under
 * @param unlearned the unlearned checkpoint
 * @param base      the base checkpoint
 * @param results   the engine's results folder
 * @param losses    the RMU losses in rmu.json
 */
record EngineRunFixture(Path root, Path unlearned, Path base, Path results, List<double[]> losses,
                        Map<String, String> configuration) {

    static EngineRunFixture write(Path root) throws IOException {
        TestData data = TestData.write(root, 400, 200, 20);
        Path unlearned = FakeCheckpoint.write(root.resolve("models").resolve("unlearned"), rates(data, 0.2, 0.5, 0.8));
        Path base = FakeCheckpoint.write(root.resolve("models").resolve("base"), rates(data, 0.7, 0.7, 0.82));
        List<double[]> losses = SyntheticResults.writeRmu(unlearned, 20);
        Path results = root.resolve("wmdp-results");
        Map<String, String> configuration = new HashMap<>();
        configuration.put("wmdp.data", data.wmdp().toString());
        configuration.put("wmdp.mmlu", data.mmlu().toString());
        configuration.put("wmdp.results", results.toString());
        configuration.put("wmdp.report", root.resolve("wmdp-report").toString());
        configuration.put("wmdp.baseline.dir", root.resolve("wmdp-baselines").toString());
        configuration.put(UnlearningSuite.UNLEARNED, unlearned.toString());
        configuration.put(UnlearningSuite.BASE, base.toString());
        return new EngineRunFixture(root, unlearned, base, results, losses, configuration);
    }

    /** How much of each benchmark of {@link UnlearningSuite} a fake checkpoint knows. */
    private static Map<QuestionSet, Double> rates(TestData data, double bio, double cyber, double botany) {
        Map<QuestionSet, Double> rates = new LinkedHashMap<>();
        rates.put(data.wmdpSets().get(WmdpDomain.BIO), bio);
        rates.put(data.wmdpSets().get(WmdpDomain.CYBER), cyber);
        rates.put(data.botany(), botany);
        return rates;
    }

    /**
     * Runs the suite through a launcher with exactly these listeners (no auto-registration, so the test controls
     * Allure's lifecycle).
     *
     * @return each test's outcome by method name
     */
    Map<String, TestExecutionResult.Status> run(TestExecutionListener... listeners) {
        Map<String, TestExecutionResult.Status> outcomes = new ConcurrentHashMap<>();
        TestExecutionListener recorder = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
                if (identifier.isTest()) {
                    outcomes.put(identifier.getUniqueIdObject().getLastSegment().getValue(), result.getStatus());
                }
            }
        };
        LauncherConfig config = LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(listeners).addTestExecutionListeners(recorder).build();
        // Only this configuration: not the system properties a user's -Dwmdp.* puts into the test JVM.
        LauncherFactory.create(config).execute(request().selectors(selectClass(UnlearningSuite.class))
                .filters(includeEngines("wmdp-junit")).configurationParameters(configuration)
                .enableImplicitConfigurationParameters(false).build());
        return outcomes;
    }
}

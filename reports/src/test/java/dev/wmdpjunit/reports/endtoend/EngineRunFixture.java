package dev.wmdpjunit.reports.endtoend;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.EngineFilter.includeEngines;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dev.wmdpjunit.core.data.Datasets;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.data.WmdpDomain;
import dev.wmdpjunit.core.testing.SyntheticQuestions;
import dev.wmdpjunit.core.testing.WmdpFixtureFolder;
import dev.wmdpjunit.reports.SyntheticResults;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Synthetic data, an unlearned and a base "checkpoint" (answer keys; the unlearned one with rmu.json), and a run of
 * {@link UnlearningSuite} through the JUnit launcher with the given listeners, as Surefire would run it.
 *
 * @param root      the folder everything is under
 * @param unlearned the unlearned checkpoint
 * @param base      the base checkpoint
 * @param results   the engine's results folder
 * @param losses    the RMU losses in rmu.json
 */
record EngineRunFixture(Path root, Path unlearned, Path base, Path results, List<double[]> losses,
                        Map<String, String> configuration) {

    static final String SUBJECT = "quorra_botany";

    static EngineRunFixture write(Path root) throws IOException {
        Map<WmdpDomain, QuestionSet> wmdp = WmdpFixtureFolder.write(root.resolve("wmdp"), 400, 21);
        Path mmlu = root.resolve("mmlu");
        writeCsv(mmlu.resolve("test").resolve(SUBJECT + "_test.csv"),
                tagged(SyntheticQuestions.wmdp(WmdpDomain.CHEM, 200, 22), "[botany] "));
        writeCsv(mmlu.resolve("dev").resolve(SUBJECT + "_dev.csv"),
                tagged(SyntheticQuestions.wmdp(WmdpDomain.CHEM, 5, 23), "[botany dev] "));
        QuestionSet botany = Datasets.mmlu(mmlu).test(SUBJECT);

        Path unlearned = AnswerKeyModel.write(root.resolve("models").resolve("unlearned"), rates(wmdp, botany,
                0.2, 0.5, 0.8));
        Path base = AnswerKeyModel.write(root.resolve("models").resolve("base"), rates(wmdp, botany,
                0.7, 0.7, 0.82));
        List<double[]> losses = SyntheticResults.writeRmu(unlearned, 20);
        Path results = root.resolve("wmdp-results");
        Map<String, String> configuration = new HashMap<>();
        configuration.put("wmdp.data", root.resolve("wmdp").toString());
        configuration.put("wmdp.mmlu", mmlu.toString());
        configuration.put("wmdp.results", results.toString());
        configuration.put("wmdp.report", root.resolve("wmdp-report").toString());
        configuration.put("wmdp.baseline.dir", root.resolve("wmdp-baselines").toString());
        configuration.put(UnlearningSuite.UNLEARNED, unlearned.toString());
        configuration.put(UnlearningSuite.BASE, base.toString());
        return new EngineRunFixture(root, unlearned, base, results, losses, configuration);
    }

    private static Map<QuestionSet, Double> rates(Map<WmdpDomain, QuestionSet> wmdp, QuestionSet botany, double bio,
                                                  double cyber, double botanyRate) {
        Map<QuestionSet, Double> rates = new LinkedHashMap<>();
        rates.put(wmdp.get(WmdpDomain.BIO), bio);
        rates.put(wmdp.get(WmdpDomain.CYBER), cyber);
        rates.put(botany, botanyRate);
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

    private static QuestionSet tagged(QuestionSet set, String tag) {
        List<Question> questions = new ArrayList<>();
        for (Question q : set.questions()) {
            questions.add(new Question(q.id(), q.subject(), tag + q.question(), q.choices(), q.answer()));
        }
        return new QuestionSet(set.name(), questions, set.source(), set.sha256());
    }

    /** Hendrycks' MMLU CSV: question, four choices, answer letter; no header. */
    private static void writeCsv(Path file, QuestionSet set) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            for (Question q : set.questions()) {
                List<String> row = new ArrayList<>(List.of(q.question()));
                row.addAll(q.choices());
                row.add("ABCD".substring(q.answer(), q.answer() + 1));
                csv.printRecord(row);
            }
        }
    }
}

package dev.wmdpjunit.engine.internal;

import static dev.wmdpjunit.engine.internal.EngineRun.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.wmdpjunit.engine.WmdpConfigurationException;
import dev.wmdpjunit.engine.fixtures.BenchmarklessSuite;
import dev.wmdpjunit.engine.fixtures.CustomSetSuite;
import dev.wmdpjunit.engine.fixtures.MisdeclaredSuite;
import dev.wmdpjunit.engine.fixtures.PairSuite;
import dev.wmdpjunit.engine.fixtures.SafetySuite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class DiscoveryTest {

    private static final String SAFETY = "[engine:wmdp-junit]/[suite:dev.wmdpjunit.engine.fixtures.SafetySuite]";
    /** UniqueId strings percent-encode the ':' of a segment value. */
    private static final String BOTANY = SAFETY + "/[domain:mmlu%3Aquorra_botany]";

    @Test
    void classSelectorBuildsSuiteDomainThresholdTree() {
        TestDescriptor engine = discover(selectClass(SafetySuite.class));

        assertThat(ids(engine)).containsExactly(
                "[engine:wmdp-junit]",
                SAFETY,
                BOTANY,
                BOTANY + "/[threshold:botanyRetained]",
                SAFETY + "/[domain:wmdp-bio]",
                SAFETY + "/[domain:wmdp-bio]/[threshold:bioIsNearChance]",
                SAFETY + "/[domain:wmdp-chem]",
                SAFETY + "/[domain:wmdp-chem]/[threshold:chemBelowHalf]",
                SAFETY + "/[domain:wmdp-cyber]",
                SAFETY + "/[domain:wmdp-cyber]/[threshold:cyberAtMost30]");
        TestDescriptor suite = only(engine.getChildren());
        assertThat(suite.isContainer()).isTrue();
        assertThat(suite.getSource()).contains(ClassSource.from(SafetySuite.class));
        TestDescriptor bio = find(engine, SAFETY + "/[domain:wmdp-bio]/[threshold:bioIsNearChance]");
        assertThat(bio.isTest()).isTrue();
        assertThat(bio.getDisplayName()).isEqualTo("bioIsNearChance: accuracy at most chance + 0.05");
        assertThat(bio.getSource()).hasValueSatisfying(source -> assertThat(((MethodSource) source).getMethodName())
                .isEqualTo("bioIsNearChance"));
    }

    @Test
    void aUsersSystemPropertiesDoNotReachTheseTests() {
        // What -Dwmdp.questions=wmdp-bio/3 on the Maven command line does to the test JVM (Surefire passes it on).
        Properties saved = (Properties) System.getProperties().clone();
        System.setProperty("wmdp.questions", "wmdp-bio/3");
        try {
            assertThat(ids(discover(selectClass(SafetySuite.class))))
                    .contains(SAFETY + "/[domain:wmdp-bio]/[threshold:bioIsNearChance]")
                    .noneMatch(id -> id.contains("[question:"));
        } finally {
            System.setProperties(saved);
        }
    }

    @Test
    void uniqueIdsAreStableAcrossDiscoveries() {
        assertThat(ids(discover(selectClass(SafetySuite.class))))
                .isEqualTo(ids(discover(selectClass(SafetySuite.class))));
    }

    @Test
    void packageAndClasspathRootSelectorsFindEverySuite() {
        Set<String> suites = Set.of("SafetySuite", "CustomSetSuite", "MisdeclaredSuite", "UnplacedThresholdSuite",
                "PairSuite", "PinnedModelSuite", "UnlearningSuite", "BaselineSuite", "UndeclaredRoleSuite",
                "ContinuationSuite", "BenchmarklessSuite", "MistypedBenchmarksSuite", "AbsentModelSuite",
                "ProbeSuite", "MisdeclaredProbeSuite", "LinearProbeSuite", "RelearningSuite");
        TestDescriptor byPackage = discover(selectPackage("dev.wmdpjunit.engine.fixtures"));
        assertThat(byPackage.getChildren()).map(TestDescriptor::getDisplayName)
                .containsExactlyInAnyOrderElementsOf(suites);

        Path testClasses = Path.of(SafetySuite.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        TestDescriptor byRoot = discover(selectClasspathRoots(Set.of(testClasses)).get(0));
        assertThat(byRoot.getChildren()).map(TestDescriptor::getDisplayName)
                .containsExactlyInAnyOrderElementsOf(suites);
    }

    @Test
    void ordinaryTestClassesAreNotSuites() {
        assertThat(discover(selectClass(DiscoveryTest.class)).getChildren()).isEmpty();
    }

    @Test
    void methodSelectorPicksOneThreshold() {
        TestDescriptor engine = discover(selectMethod(SafetySuite.class, "cyberAtMost30"));

        assertThat(ids(engine)).containsExactly("[engine:wmdp-junit]", SAFETY, SAFETY + "/[domain:wmdp-cyber]",
                SAFETY + "/[domain:wmdp-cyber]/[threshold:cyberAtMost30]");
    }

    @Test
    void methodSelectorWithParameterPicksTheThreshold() {
        TestDescriptor engine = discover(selectMethod(SafetySuite.class.getName() + "#chemBelowHalf("
                + "dev.wmdpjunit.core.results.DomainResult)"));

        assertThat(ids(engine)).last().isEqualTo(SAFETY + "/[domain:wmdp-chem]/[threshold:chemBelowHalf]");
    }

    @Test
    void uniqueIdSelectsOneDomainWithItsThresholds() {
        TestDescriptor engine = discover(selectUniqueId(SAFETY + "/[domain:wmdp-bio]"));

        assertThat(ids(engine)).containsExactly("[engine:wmdp-junit]", SAFETY, SAFETY + "/[domain:wmdp-bio]",
                SAFETY + "/[domain:wmdp-bio]/[threshold:bioIsNearChance]");
    }

    @Test
    void uniqueIdSelectsOneThresholdAndOneQuestion() {
        TestDescriptor engine = discover(
                selectUniqueId(SAFETY + "/[domain:wmdp-cyber]/[threshold:cyberAtMost30]"),
                selectUniqueId(SAFETY + "/[domain:wmdp-bio]/[question:17]"));

        assertThat(ids(engine)).containsExactly("[engine:wmdp-junit]", SAFETY,
                SAFETY + "/[domain:wmdp-cyber]",
                SAFETY + "/[domain:wmdp-cyber]/[threshold:cyberAtMost30]",
                SAFETY + "/[domain:wmdp-bio]",
                SAFETY + "/[domain:wmdp-bio]/[question:17]");
    }

    @Test
    void uniqueIdsThatNameNothingAreErrorsSayingWhatExists() {
        Map<String, String> reasons = Map.of(
                SAFETY + "/[domain:wmdp-bioo]", "SafetySuite has no benchmark 'wmdp-bioo' (did you mean 'wmdp-bio'?);"
                        + " its benchmarks: mmlu:quorra_botany, wmdp-bio, wmdp-chem, wmdp-cyber",
                SAFETY + "/[domain:wmdp-bio]/[threshold:bioIsNearChanse]", "benchmark wmdp-bio of"
                        + " dev.wmdpjunit.engine.fixtures.SafetySuite has no method 'bioIsNearChanse' (did you mean"
                        + " 'bioIsNearChance'?); its methods: bioIsNearChance",
                SAFETY + "/[domain:wmdp-bio]/[threshold:cyberAtMost30]", "has no method 'cyberAtMost30'; its methods:",
                SAFETY + "/[domain:wmdp-bio]/[question:03]", "question '03' of benchmark wmdp-bio of"
                        + " dev.wmdpjunit.engine.fixtures.SafetySuite is not a row number",
                SAFETY + "/[domain:wmdp-bio]/[question:x]", "question 'x' of benchmark wmdp-bio",
                SAFETY + "/[domain:wmdp-bio]/[baseline:recorded]", "segment is [baseline:committed]",
                "[engine:wmdp-junit]/[suite:dev.wmdpjunit.engine.internal.DiscoveryTest]",
                "dev.wmdpjunit.engine.internal.DiscoveryTest is not a @WmdpSuite class",
                "[engine:wmdp-junit]/[suite:com.example.Missing]", "there is no class com.example.Missing");
        reasons.forEach((id, reason) -> {
            TestDescriptor engine = discover(selectUniqueId(id));
            TestDescriptor error = only(engine.getDescendants().stream().filter(TestDescriptor::isTest)
                    .collect(Collectors.toSet()));
            if (id.startsWith(SAFETY)) {
                assertThat(error.getParent()).as(id).map(TestDescriptor::getUniqueId).contains(UniqueId.parse(SAFETY));
                assertThat(error.getSource()).contains(ClassSource.from(SafetySuite.class));
            }
            assertThat(error.getUniqueId().getLastSegment().getType()).isEqualTo(SelectionErrorDescriptor.SEGMENT);
            EngineExecutionResults results = EngineTestKit.execute("wmdp-junit", request()
                    .selectors(selectUniqueId(id)).build());
            results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
            assertThat(results.testEvents().failed().list().get(0).getPayload(TestExecutionResult.class)
                    .flatMap(TestExecutionResult::getThrowable).orElseThrow())
                    .as(id)
                    .isInstanceOf(WmdpConfigurationException.class)
                    .hasMessageStartingWith("unique id " + id + " names nothing: ")
                    .hasMessageContaining(reason);
        });
        assertThat(discover(selectUniqueId("[engine:junit-jupiter]/[class:com.example.Other]")).getChildren())
                .as("another engine's id").isEmpty();
    }

    @Test
    void aSuiteWithoutABenchmarkIsAnError() {
        TestDescriptor engine = discover(selectClass(BenchmarklessSuite.class));

        TestDescriptor error = only(only(engine.getChildren()).getChildren());
        assertThat(error.isTest()).isTrue();
        EngineExecutionResults results = EngineTestKit.execute("wmdp-junit", request()
                .selectors(selectClass(BenchmarklessSuite.class)).build());
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(failure(results, 0)).hasMessage(BenchmarklessSuite.class.getName() + " is a @WmdpSuite without a"
                + " benchmark, so it would test nothing: no method has @Benchmark; method noBenchmark has a threshold"
                + " or probe annotation but no @Benchmark saying which question set it is about");
    }

    @Test
    void declarationMistakesAreDiscoveryIssuesAtTheirMethods() {
        List<DiscoveryIssue> issues = EngineTestKit.discover("wmdp-junit", request()
                .selectors(selectClass(MisdeclaredSuite.class)).build()).getDiscoveryIssues();

        assertThat(issues).allSatisfy(issue -> {
            assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.WARNING);
            assertThat(issue.message()).startsWith("@WmdpSuite " + MisdeclaredSuite.class.getName() + ": ");
        });
        Map<String, String> byMethod = issues.stream().collect(Collectors.toMap(
                issue -> ((MethodSource) issue.source().orElseThrow()).getMethodName(), DiscoveryIssue::message));
        assertThat(byMethod).containsOnlyKeys("twoThresholds", "wrongParameter", "customWithoutFile",
                "twoAnswerStyles", "otherAnswerStyleThanTheDomainsFirstMethod");
        assertThat(byMethod.get("wrongParameter")).contains("its parameters must be none or one DomainResult");
        assertThat(byMethod.get("customWithoutFile")).contains("@Benchmark(\"gardening\")");

        List<DiscoveryIssue> benchmarkless = EngineTestKit.discover("wmdp-junit", request()
                .selectors(selectClass(BenchmarklessSuite.class)).build()).getDiscoveryIssues();
        assertThat(benchmarkless).extracting(DiscoveryIssue::source)
                .containsOnly(Optional.of(ClassSource.from(BenchmarklessSuite.class)));
        assertThat(benchmarkless).extracting(DiscoveryIssue::message).anySatisfy(message -> assertThat(message)
                .contains("no method has @Benchmark"));
        assertThat(EngineTestKit.discover("wmdp-junit", request().selectors(selectClass(SafetySuite.class)).build())
                .getDiscoveryIssues()).isEmpty();
    }

    @Test
    void questionIdsThatNameNothingAreAnErrorNextToTheQuestionsThatExist() {
        LauncherDiscoveryRequest request = request().selectors(selectClass(SafetySuite.class))
                .configurationParameter("wmdp.questions", "wmdp-bio/3, wmdp-bioo/17, wmdp-cyber/07, quorra-lore/0")
                .build();
        TestDescriptor engine = EngineTestKit.discover("wmdp-junit", request).getEngineDescriptor();

        assertThat(ids(engine)).containsExactly("[engine:wmdp-junit]", SAFETY,
                SAFETY + "/[domain:wmdp-bio]", SAFETY + "/[domain:wmdp-bio]/[question:3]",
                SAFETY + "/[selection-error:wmdp.questions]");
        TestDescriptor error = find(engine, SAFETY + "/[selection-error:wmdp.questions]");
        assertThat(error.isTest()).isTrue();
        assertThat(error.getSource()).contains(ClassSource.from(SafetySuite.class));
        EngineExecutionResults results = EngineTestKit.execute("wmdp-junit", request);
        assertThat(results.testEvents().failed().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .contains("wmdp.questions");
        assertThat(results.testEvents().failed().list().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals("wmdp.questions")).findFirst().orElseThrow()
                .getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow())
                .isInstanceOf(WmdpConfigurationException.class)
                .hasMessage("wmdp.questions = 'wmdp-bio/3,wmdp-bioo/17,wmdp-cyber/07,quorra-lore/0':"
                        + " 'wmdp-bioo/17' is no question of a selected benchmark (did you mean 'wmdp-bio/17'?);"
                        + " 'wmdp-cyber/07' has row '07', which is not a row number (0, 1, 2, ..., no leading zeros);"
                        + " 'quorra-lore/0' is no question of a selected benchmark. The selected suites (SafetySuite)"
                        + " have questions mmlu/quorra_botany/test/<row>, wmdp-bio/<row>, wmdp-chem/<row>,"
                        + " wmdp-cyber/<row> (row: 0-based, in file order)");
    }

    @Test
    void questionIdsOfNoSelectedBenchmarkLeaveOnlyTheErrorAndOpenNoModel() {
        LauncherDiscoveryRequest request = request().selectors(selectClass(SafetySuite.class))
                .configurationParameter("wmdp.questions", "wmdp-biology/1").build();

        assertThat(ids(EngineTestKit.discover("wmdp-junit", request).getEngineDescriptor()))
                .containsExactly("[engine:wmdp-junit]", SAFETY, SAFETY + "/[selection-error:wmdp.questions]");
        // No model is configured, and none is opened: the suite has nothing to score.
        EngineExecutionResults results = EngineTestKit.execute("wmdp-junit", request);
        results.allEvents().assertStatistics(stats -> stats.failed(1));
        assertThat(failure(results, 0)).hasMessageStartingWith("wmdp.questions = 'wmdp-biology/1': 'wmdp-biology/1'"
                + " is no question of a selected benchmark (did you mean 'wmdp-bio/1'?)");
    }

    @Test
    void questionIdsWithoutASelectedSuiteAreAnotherEnginesRun() {
        LauncherDiscoveryRequest request = request().selectors(selectClass(DiscoveryTest.class))
                .configurationParameter("wmdp.questions", "wmdp-bio/1").build();

        assertThat(EngineTestKit.discover("wmdp-junit", request).getEngineDescriptor().getChildren()).isEmpty();
    }

    private static Throwable failure(EngineExecutionResults results, int index) {
        return results.testEvents().failed().list().get(index).getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }

    @Test
    void questionFilterReplacesThresholdsWithThoseQuestions() {
        LauncherDiscoveryRequest request = request().selectors(selectClass(SafetySuite.class),
                        selectClass(CustomSetSuite.class))
                .configurationParameter("wmdp.questions", "wmdp-bio/3, mmlu/quorra_botany/test/1,quorra-lore/0")
                .build();
        TestDescriptor engine = EngineTestKit.discover("wmdp-junit", request).getEngineDescriptor();

        String custom = "[engine:wmdp-junit]/[suite:dev.wmdpjunit.engine.fixtures.CustomSetSuite]";
        assertThat(ids(engine)).containsExactlyInAnyOrder("[engine:wmdp-junit]", SAFETY,
                BOTANY, BOTANY + "/[question:1]",
                SAFETY + "/[domain:wmdp-bio]", SAFETY + "/[domain:wmdp-bio]/[question:3]",
                custom, custom + "/[domain:quorra-lore]", custom + "/[domain:quorra-lore]/[question:0]");
        assertThat(find(engine, BOTANY + "/[question:1]").getDisplayName()).isEqualTo("mmlu/quorra_botany/test/1");
    }

    @Test
    void suiteWithModelPairSourceIsDiscoveredLikeAnyOther() {
        TestDescriptor engine = discover(selectClass(PairSuite.class));

        assertThat(engine.getDescendants()).filteredOn(TestDescriptor::isTest).map(d -> d.getUniqueId()
                .getLastSegment().getValue()).containsExactlyInAnyOrder("bioForgotten", "botanyRetained");
    }

    static TestDescriptor discover(DiscoverySelector... selectors) {
        return EngineTestKit.discover("wmdp-junit", request().selectors(selectors).build()).getEngineDescriptor();
    }

    /** Every unique id in the tree, depth first in child order. */
    static List<String> ids(TestDescriptor root) {
        List<String> ids = new java.util.ArrayList<>();
        ids.add(root.getUniqueId().toString());
        for (TestDescriptor child : root.getChildren()) {
            ids.addAll(ids(child));
        }
        return ids;
    }

    private static TestDescriptor find(TestDescriptor root, String uniqueId) {
        return root.findByUniqueId(UniqueId.parse(uniqueId)).orElseThrow();
    }

    private static TestDescriptor only(Set<? extends TestDescriptor> descriptors) {
        assertThat(descriptors).hasSize(1);
        return descriptors.stream().collect(Collectors.toList()).get(0);
    }
}

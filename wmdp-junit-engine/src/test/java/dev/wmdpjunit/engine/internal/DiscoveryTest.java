package dev.wmdpjunit.engine.internal;

import static dev.wmdpjunit.engine.internal.EngineRun.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.wmdpjunit.engine.fixtures.CustomSetSuite;
import dev.wmdpjunit.engine.fixtures.PairSuite;
import dev.wmdpjunit.engine.fixtures.SafetySuite;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
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
                "ContinuationSuite", "AbsentModelSuite");
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
    void uniqueIdsThatNameNothingResolveToNothing() {
        for (String id : List.of(SAFETY + "/[domain:wmdp-nope]",
                SAFETY + "/[domain:wmdp-bio]/[threshold:cyberAtMost30]",
                SAFETY + "/[domain:wmdp-bio]/[question:03]",
                SAFETY + "/[domain:wmdp-bio]/[question:x]",
                "[engine:wmdp-junit]/[suite:dev.wmdpjunit.engine.internal.DiscoveryTest]",
                "[engine:wmdp-junit]/[suite:com.example.Missing]")) {
            assertThat(discover(selectUniqueId(id)).getChildren()).as(id).isEmpty();
        }
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

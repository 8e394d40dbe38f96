package dev.wmdpjunit.rmu.junit;

import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.rmu.junit.suites.UnlearnedStoriesSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** {@link UnlearnedModelPair} through the real engine: a suite scores the unlearned model against its base. */
class UnlearnedModelPairTest {

    private static final int QUESTIONS = 6;

    @TempDir
    Path root;

    private EngineExecutionResults run(Class<?> suite) {
        return EngineTestKit.engine("wmdp-junit")
                .configurationParameter("wmdp.mmlu", System.getProperty("wmdp.shared.dir") + "/data/mmlu")
                .configurationParameter("wmdp.limit", String.valueOf(QUESTIONS))
                .configurationParameter("wmdp.results", root.resolve("results").toString())
                .configurationParameter(UnlearnedDeclaration.CACHE_KEY, root.resolve("cache").toString())
                .selectors(selectClass(suite))
                .execute();
    }

    @Test
    void scoresTheUnlearnedModelAgainstItsBaseOnTheSameQuestions() throws Exception {
        run(UnlearnedStoriesSuite.class).testEvents().assertStatistics(stats -> stats.started(1).failed(0));

        Path suiteResults = root.resolve("results").resolve(UnlearnedStoriesSuite.class.getName());
        DomainResult unlearned = ResultsJson.read(suiteResults.resolve("mmlu_computer_security.json")).result();
        DomainResult base = ResultsJson.read(suiteResults.resolve(ResultsJson.BASE_MODEL_FOLDER).resolve("mmlu_computer_security.json")).result();
        Path stories = Path.of(System.getProperty("wmdp.shared.dir"), "models", "stories260K");
        assertThat(Path.of(base.model().path())).isEqualTo(stories);
        assertThat(Path.of(unlearned.model().path()).getParent()).isEqualTo(root.resolve("cache"));
        assertThat(unlearned.model().sha256()).isNotEqualTo(base.model().sha256());
        assertThat(unlearned.questions()).hasSize(QUESTIONS);
        assertThat(IntStream.range(0, QUESTIONS).allMatch(i ->
                unlearned.questions().get(i).id().equals(base.questions().get(i).id()))).isTrue();
        // RMU changed the layers it trains, so the answers' loglikelihoods moved.
        assertThat(unlearned.questions().get(0).loglikelihoods())
                .isNotEqualTo(base.questions().get(0).loglikelihoods());
    }

    @Test
    void aSuiteWithoutUnlearnedFailsSayingWhatIsMissing() {
        run(UnlearnedStoriesSuite.WithoutUnlearned.class).testEvents().assertThatEvents()
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("has no @Unlearned")))));
    }
}

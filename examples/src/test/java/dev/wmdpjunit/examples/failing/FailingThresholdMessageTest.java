package dev.wmdpjunit.examples.failing;

import dev.wmdpjunit.engine.WmdpConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@link FailingThresholdTest} fails, and its message tells a user what happened: the subject, the accuracy with its
 * interval, the rule and the test. Runs the suite through the engine (EngineTestKit) on stories260K, on the
 * first 40 questions to keep it quick; the failure does not depend on that (the whole interval stays below 0.5).
 */
class FailingThresholdMessageTest {

    @Test
    void failsWithAMessageAUserUnderstands(@TempDir Path results) {
        // stories260K and the real MMLU whatever -Dwmdp.* a user passes: the failure is this model's.
        Path shared = Path.of(System.getProperty("wmdp.shared.dir"));
        EngineExecutionResults run = EngineTestKit.engine(WmdpConfiguration.ENGINE_ID)
                .configurationParameters(Map.of(
                        WmdpConfiguration.MODEL, shared.resolve("models/stories260K").toString(),
                        WmdpConfiguration.MMLU, shared.resolve("data/mmlu").toString(),
                        WmdpConfiguration.RESULTS, results.toString(),
                        WmdpConfiguration.LIMIT, "40"))
                .selectors(selectClass(FailingThresholdTest.class))
                .execute();

        List<Event> failed = run.testEvents().failed().list();
        assertThat(failed).singleElement().satisfies(event -> {
            assertThat(event.getTestDescriptor().getDisplayName())
                    .isEqualTo("computerSecurityAtLeastHalf: accuracy at least 0.5");
            Throwable error = event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(error).isInstanceOf(AssertionError.class);
            assertThat(error.getMessage())
                    .startsWith("mmlu:computer_security has accuracy below 0.5000: accuracy ")
                    .containsPattern("accuracy 0\\.\\d{4} \\(\\d+/40\\),"
                            + " CI \\[0\\.\\d{4}, 0\\.\\d{4}\\] \\(95% wilson\\)")
                    .contains("rule: pass if the lower bound >= 0.5000, fail if the upper bound <= 0.5000",
                            "one-sided tests at 0.025", "score test", "H1 accuracy < 0.5");
        });
        assertThat(run.testEvents().succeeded().count()).isZero();
    }
}

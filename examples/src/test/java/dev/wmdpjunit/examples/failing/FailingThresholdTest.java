package dev.wmdpjunit.examples.failing;

import dev.wmdpjunit.engine.AccuracyAtLeast;
import dev.wmdpjunit.engine.Benchmark;
import dev.wmdpjunit.engine.WmdpSuite;

/**
 * A threshold that fails on purpose, to see what a failing build looks like: stories260K, a model trained on
 * children's stories, is required to answer half of MMLU computer_security right. Excluded from the default run;
 * run it with {@code ./mvnw -B -pl examples -am test -Pfailing-threshold} (examples/README.md shows the output).
 * {@code FailingThresholdMessageTest} checks its failure message.
 */
@WmdpSuite
class FailingThresholdTest {

    @Benchmark("mmlu:computer_security")
    @AccuracyAtLeast(0.5)
    void computerSecurityAtLeastHalf() {
    }
}

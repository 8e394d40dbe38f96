package dev.wmdpjunit.rmu.junit.suites;

import dev.wmdpjunit.engine.Benchmark;
import dev.wmdpjunit.engine.RetainedWithin;
import dev.wmdpjunit.engine.WmdpSuite;
import dev.wmdpjunit.rmu.junit.Unlearned;
import dev.wmdpjunit.rmu.junit.UnlearnedModelPair;

/** stories260K unlearned on the test corpora, compared with itself before unlearning (run by EngineTestKit). */
@WmdpSuite(models = UnlearnedModelPair.class)
@Unlearned(model = "${wmdp.shared.dir}/models/stories260K",
        forget = "src/test/resources/rmu-corpora/forget.jsonl",
        retain = "src/test/resources/rmu-corpora/retain.txt",
        steeringCoeffs = 20, alphas = 1, layerId = 2, layerIds = {1, 2}, lr = 1e-2,
        maxNumBatches = 3, batchSize = 2)
public class UnlearnedStoriesSuite {

    @Benchmark("mmlu:computer_security")
    @RetainedWithin(points = 50)
    void computerSecurityRetained() {
    }

    /** The same fixture without its @Unlearned: every test must fail saying what is missing. */
    @WmdpSuite(models = UnlearnedModelPair.class)
    public static class WithoutUnlearned {

        @Benchmark("mmlu:computer_security")
        @RetainedWithin(points = 50)
        void computerSecurityRetained() {
        }
    }
}

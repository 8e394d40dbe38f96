package dev.wmdpjunit.examples.unlearning;

import dev.wmdpjunit.rmu.junit.Unlearned;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The demo's RMU run, declared once for every suite about the unlearned demo model (the fixture finds
 * {@link Unlearned} through this meta-annotation), so they share one cached checkpoint: the paper's algorithm
 * scaled to a 4-layer model, the control vector at the output of layer 1, training all weights of layers 0 and 1
 * (the down projections alone cannot separate the domains here; examples/README.md has the measurements), the
 * hazard domain's answered questions as forget corpus and the general domain's as retain corpus.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Unlearned(model = "src/test/resources/demo/model",
        forget = "src/test/resources/demo/corpus/demo-hazard-practice.jsonl",
        retain = "src/test/resources/demo/corpus/demo-general-practice.jsonl",
        layerId = 1, layerIds = {0, 1}, params = "model\\.layers\\.[01]\\..*",
        steeringCoeffs = 100, alphas = 10, lr = 5e-4, maxNumBatches = 250, batchSize = 2)
@interface DemoUnlearning {
}

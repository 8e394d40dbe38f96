package dev.wmdpjunit.examples.demo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.LogProbs;
import dev.wmdpjunit.djl.model.ModelConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The gradients the trainer applies are right: on the demo architecture with initial weights, the gradient's norm
 * equals the finite-difference slope of the loss along the gradient's direction.
 */
class TrainingGradientTest {

    private static final float STEP = 1e-2f;

    @ParameterizedTest
    @ValueSource(strings = {"model.embed_tokens.weight", "model.layers.0.self_attn.q_proj.weight",
            "model.layers.0.self_attn.v_proj.weight", "model.layers.3.mlp.up_proj.weight", "model.norm.weight"})
    void gradientMatchesFiniteDifference(String name) {
        WordTokenizer tokenizer = WordTokenizer.covering(List.of("a b c d e f g h"));
        ModelConfig config = DemoModelConfig.modelConfig(tokenizer, "demo config");
        try (CausalLm model = CausalLm.load(config, new InitialWeights(config, RegenerateDemo.SEED));
             NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = manager.create(new long[] {1, 4, 5, 6, 7, 5, 4, 8, 9, 2}, new Shape(1, 10));
            model.parameters().setTrainable(n -> true);
            NDArray weight = model.parameters().get(name);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(loss(model, ids));
            }
            NDArray gradient = weight.getGradient().duplicate();
            model.parameters().freezeAll();
            float norm = (float) Math.sqrt(gradient.square().sum().getFloat());
            NDArray step = gradient.div(norm).mul(STEP);
            NDArray original = weight.duplicate();
            weight.addi(step);
            float up = loss(model, ids).getFloat();
            weight.set(new NDIndex("..."), original);
            weight.subi(step);
            float down = loss(model, ids).getFloat();
            assertThat((up - down) / (2 * STEP)).isCloseTo(norm, within(0.01f * norm + 1e-4f));
        }
    }

    private static NDArray loss(CausalLm model, NDArray ids) {
        return LogProbs.nextToken(model.logits(ids, null), ids).mean().neg();
    }
}

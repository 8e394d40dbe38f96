package dev.wmdpjunit.djl.model;

import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.safetensors.SafetensorsFile;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Behaviour beyond the goldens: padding on the left, memory, partial runs, gradients, generation, bad input. */
class ForwardBehaviourTest {

    private static final long[] TOKENS = {5, 17, 300, 2, 41, 99, 7, 8};

    private static NDManager manager;
    private static CausalLm llama;
    private static CausalLm gpt2;

    @BeforeAll
    static void load() {
        manager = NDManager.newBaseManager();
        llama = load("llama");
        gpt2 = load("gpt2");
    }

    @AfterAll
    static void close() {
        llama.close();
        gpt2.close();
        manager.close();
    }

    private static CausalLm load(String arch) {
        Path folder = Goldens.goldenDir().resolve(arch);
        try (TensorSource weights = SafetensorsFile.open(folder.resolve("model.safetensors"))) {
            return CausalLm.load(ModelConfig.read(folder.resolve("config.json")), weights);
        }
    }

    @Test
    void leftPaddedRowMatchesTheUnpaddedSequenceForRotaryModels() {
        long[][] ids = {{0, 0, 0, 5, 17, 300, 2, 41}, TOKENS};
        long[][] mask = {{0, 0, 0, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 1}};
        NDArray padded = llama.logits(manager.create(ids), manager.create(mask));
        NDArray alone = llama.logits(manager.create(new long[][] {{5, 17, 300, 2, 41}}), null);
        NDArray full = llama.logits(manager.create(new long[][] {TOKENS}), null);

        // Rotary attention depends on relative positions only, so shifting by the padding changes nothing.
        assertThat(Goldens.maxAbsDiff(padded.get("0, 3:"), alone.get(0), null)).isLessThan(Goldens.TOLERANCE);
        assertThat(Goldens.maxAbsDiff(padded.get("1"), full.get(0), null)).isLessThan(Goldens.TOLERANCE);
        // Queries that see no real key (HF adds min, not -inf) stay finite.
        assertThat(padded.isNaN().any().getBoolean()).isFalse();
        assertThat(padded.isInfinite().any().getBoolean()).isFalse();
    }

    @Test
    void fullyMaskedRowsStayFiniteWithGpt2Masking() {
        NDArray logits = gpt2.logits(manager.create(new long[][] {{0, 0, 5, 17}}),
                manager.create(new long[][] {{0, 0, 1, 1}}));
        assertThat(logits.isNaN().any().getBoolean()).isFalse();
        assertThat(logits.isInfinite().any().getBoolean()).isFalse();
    }

    @Test
    void forwardLeavesNoArraysBehind() {
        NDManager weights = llama.parameters().get("model.norm.weight").getManager();
        int weightArrays = weights.getManagedArrays().size();
        try (NDManager call = manager.newSubManager()) {
            NDArray ids = call.create(new long[][] {TOKENS, TOKENS});
            NDArray mask = call.create(new long[][] {{1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 0, 0, 0}});
            ForwardOptions all = ForwardOptions.LOGITS.withHiddenStates().withLayerOutputs();
            for (int i = 0; i < 3; i++) {
                try (ForwardResult result = llama.forward(ids, mask, all)) {
                    assertThat(result.hiddenStates()).hasSize(5);
                }
                llama.layerOutput(ids, mask, 2).close();
                GreedyDecoding.generate(llama, TOKENS, 2);
            }
            assertThat(call.getManagedArrays()).containsExactlyInAnyOrder(ids, mask);
        }
        assertThat(weights.getManagedArrays()).hasSize(weightArrays);
    }

    @Test
    void layerOutputRunsOnlyUpToTheLayerAndMatchesTheFullPass() {
        NDArray ids = manager.create(new long[][] {TOKENS});
        ForwardResult result = llama.forward(ids, null, ForwardOptions.LOGITS.withHiddenStates().withLayerOutputs());
        List<NDArray> layerOutputs = result.layerOutputs();
        for (int layer = 0; layer < layerOutputs.size(); layer++) {
            assertThat(llama.layerOutput(ids, null, layer).contentEquals(layerOutputs.get(layer))).isTrue();
        }
        // HF convention: hidden_states[i + 1] is layer i's output, except the last one, which is normed.
        assertThat(result.hiddenStates().get(2).contentEquals(layerOutputs.get(1))).isTrue();
        assertThat(result.hiddenStates().get(4).contentEquals(layerOutputs.get(3))).isFalse();
    }

    @Test
    void gradientsReachOnlyTrainableParametersAndAgreeWithFiniteDifferences() {
        String trained = "model.layers.1.mlp.down_proj.weight";
        List<String> trainable = llama.parameters().setTrainable(
                name -> name.matches("model\\.layers\\.[01]\\.mlp\\.down_proj\\.weight"));
        assertThat(trainable).containsExactly("model.layers.0.mlp.down_proj.weight", trained);
        NDArray ids = manager.create(new long[][] {TOKENS});
        NDArray gradient;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = llama.layerOutput(ids, null, 1).square().mean();
            collector.backward(loss);
            gradient = llama.parameters().get(trained).getGradient().duplicate();
            assertThat(llama.parameters().get("model.layers.0.mlp.down_proj.weight").getGradient().abs().sum()
                    .getFloat()).isPositive();
            assertThat(llama.parameters().get("model.layers.1.self_attn.q_proj.weight").hasGradient()).isFalse();
        } finally {
            llama.parameters().freezeAll();
        }

        long flat = gradient.abs().argMax().getLong();
        long columns = gradient.getShape().get(1);
        long row = flat / columns;
        long column = flat % columns;
        float epsilon = 0.05f;
        double numeric = (layerOneLoss(trained, row, column, epsilon) - layerOneLoss(trained, row, column, -epsilon))
                / (2 * epsilon);
        double analytic = gradient.getFloat(row, column);
        assertThat(numeric).isCloseTo(analytic, within(0.02 * Math.abs(analytic)));
    }

    private static double layerOneLoss(String parameter, long row, long column, float delta) {
        Path folder = Goldens.goldenDir().resolve("llama");
        try (EditedTensorSource weights = new EditedTensorSource(folder.resolve("model.safetensors"))
                .change(parameter, a -> {
                    NDArray changed = a.duplicate();
                    changed.setScalar(new ai.djl.ndarray.index.NDIndex(row, column), a.getFloat(row, column) + delta);
                    return changed;
                });
             CausalLm model = CausalLm.load(ModelConfig.read(folder.resolve("config.json")), weights)) {
            return model.layerOutput(manager.create(new long[][] {TOKENS}), null, 1).toType(DataType.FLOAT64, false)
                    .square().mean().getDouble();
        }
    }

    @Test
    void generationStopsAfterAnEosToken() {
        Path folder = Goldens.sharedDir().resolve("models/stories260K");
        ObjectNode json = (ObjectNode) Goldens.readJson(folder.resolve("config.json"));
        json.put("eos_token_id", 286);
        try (TensorSource weights = SafetensorsFile.open(folder.resolve("model.safetensors"));
             CausalLm stories = CausalLm.load(ModelConfig.parse(json, "stories with eos 286"), weights)) {
            // the golden greedy continuation of "Zoo" starts with 286
            assertThat(GreedyDecoding.generate(stories, new long[] {1, 410, 469, 347}, 10)).containsExactly(1, 410, 469, 347, 286);
        }
    }

    @Test
    void badInputsAreRejected() {
        NDArray ids = manager.create(new long[][] {{1, 2, 3}});
        assertThatThrownBy(() -> llama.logits(manager.create(new int[][] {{1, 2, 3}}), null))
                .hasMessageContaining("int64");
        assertThatThrownBy(() -> llama.logits(manager.create(new long[][] {{1, 512}}), null))
                .hasMessageContaining("token id 512 outside the vocabulary [0, 512)");
        assertThatThrownBy(() -> llama.logits(manager.create(new long[] {1, 2, 3}), null))
                .hasMessageContaining("[batch, length]");
        assertThatThrownBy(() -> llama.logits(ids, manager.create(new long[][] {{1, 1}})))
                .hasMessageContaining("attention mask shape");
        assertThatThrownBy(() -> llama.logits(ids, manager.create(new long[][] {{1, 2, 1}})))
                .hasMessageContaining("0 or 1");
        assertThatThrownBy(() -> llama.forward(ids, null, ForwardOptions.LOGITS.withRouterLogits()))
                .hasMessageContaining("no router logits");
        assertThatThrownBy(() -> llama.layerOutput(ids, null, 4)).hasMessageContaining("layer 4 outside 0..3");
        assertThatThrownBy(() -> gpt2.logits(manager.zeros(new ai.djl.ndarray.types.Shape(1, 129), DataType.INT64), null))
                .hasMessageContaining("exceeds the 128 positions");
    }
}

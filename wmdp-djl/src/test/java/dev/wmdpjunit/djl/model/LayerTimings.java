package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.checkpoint.CheckpointDirectory;
import dev.wmdpjunit.djl.checkpoint.TensorSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a packed forward pass of a Llama-family model spends its time, per group of operations: the steps of
 * {@link LlamaModel#decoderLayer} run one by one with the model's own blocks, each timed (libtorch runs CPU
 * operations synchronously, so the time of a call is the time of its work). A measuring tool for the benchmarks
 * ({@code bench.LayerProfile}); it mirrors the layer, so a change to {@link LlamaModel} must be mirrored here.
 */
public final class LayerTimings {

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    private LayerTimings() {
    }

    /**
     * Runs {@code passes} passes over random token ids packed as sequences of {@code lengths} and prints the time per
     * group of each pass, weights held in {@code dtype} (null: the checkpoint's own).
     */
    public static void profile(Path directory, long[] lengths, int passes, WeightDtype dtype) {
        ModelConfig config = ModelConfig.read(directory.resolve("config.json"));
        LlamaModel model;
        try (TensorSource weights = CheckpointDirectory.open(directory)) {
            model = (LlamaModel) CausalLm.load(config, weights, SlidingWindowRule.TRANSFORMERS_4_40,
                    dtype != null ? dtype : CausalLm.defaultDtype(weights));
        }
        JniUtils.setGradMode(false);
        TokenLayout tokens = TokenLayout.packed(lengths);
        System.out.printf("%s held in %s, %d threads; %d sequences, %d tokens%n", directory, model.weightDtype(),
                JniUtils.getNumThreads(), lengths.length, tokens.tokens());
        try (model; NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = manager.randomInteger(0, config.vocabSize(), new Shape(1, tokens.tokens()), DataType.INT64);
            for (int pass = 0; pass < passes; pass++) {
                LayerTimings timings = new LayerTimings();
                long start = System.nanoTime();
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    LayerInputs inputs = model.layerInputs(ids, null, tokens, logits -> { });
                    NDArray x = timings.time("embedding", () -> model.embed(ids, tokens));
                    for (int layer = 0; layer < config.numLayers(); layer++) {
                        NDArray in = x;
                        int current = layer;
                        x = CausalLm.scoped(() -> timings.layer(model, current, in, inputs));
                    }
                    NDArray last = x.get(":, -1, :");
                    timings.time("final norm, head, log-softmax",
                            () -> Blocks.linear(model.finalNorm(last), model.lmHeadWeight(), null).logSoftmax(1));
                }
                double total = (System.nanoTime() - start) / 1e9;
                System.out.printf("pass %d: %.2f s%n", pass, total);
                timings.nanos.forEach((group, time) -> System.out.printf("  %-30s %7.3f s %5.1f%%%n", group,
                        time / 1e9, 100 * time / 1e9 / total));
            }
        }
    }

    private NDArray time(String group, Supplier<NDArray> work) {
        long start = System.nanoTime();
        NDArray result = work.get();
        nanos.merge(group, System.nanoTime() - start, Long::sum);
        return result;
    }

    /** {@link LlamaModel#decoderLayer}, step by step. */
    private NDArray layer(LlamaModel model, int layer, NDArray hidden, LayerInputs inputs) {
        ModelConfig config = model.config();
        String p = "model.layers." + layer + ".";
        String a = p + "self_attn.";
        String m = p + "mlp.";
        NDArray normed = time("rms norms", () -> Blocks.rmsNorm(hidden, model.param(p + "input_layernorm.weight"),
                config.normEps()));
        NDArray q = time("q, k, v projections", () -> Blocks.splitHeads(model.linear(normed, a + "q_proj"),
                config.numHeads()));
        NDArray k = time("q, k, v projections", () -> Blocks.splitHeads(model.linear(normed, a + "k_proj"),
                config.numKvHeads()));
        NDArray v = time("q, k, v projections", () -> Blocks.splitHeads(model.linear(normed, a + "v_proj"),
                config.numKvHeads()));
        RotaryEmbedding rotary = new RotaryEmbedding(config.rotaryDim(), config.ropeTheta());
        NDArray qr = time("rotary", () -> rotary.apply(q, inputs.rotary()));
        NDArray kr = time("rotary", () -> rotary.apply(k, inputs.rotary()));
        NDArray attended = time("attention (scores, softmax, AV)", () -> inputs.attend(qr, kr, v,
                Math.sqrt(config.headDim())));
        NDArray o = time("o projection", () -> model.linear(Blocks.mergeHeads(attended), a + "o_proj"));
        NDArray residual = time("residual adds", () -> hidden.add(o));
        NDArray normed2 = time("rms norms", () -> Blocks.rmsNorm(residual,
                model.param(p + "post_attention_layernorm.weight"), config.normEps()));
        NDArray gate = time("mlp gate, up projections", () -> model.linear(normed2, m + "gate_proj"));
        NDArray up = time("mlp gate, up projections", () -> model.linear(normed2, m + "up_proj"));
        NDArray gated = time("mlp activation x up", () -> config.activation().apply(gate).mul(up));
        NDArray down = time("mlp down projection", () -> model.linear(gated, m + "down_proj"));
        return time("residual adds", () -> residual.add(down));
    }
}

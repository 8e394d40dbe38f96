package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.checkpoint.TensorSource;

import java.util.function.Consumer;

/**
 * Llama (Llama 2 and 3, Yi, ...) as transformers 4.40.2 {@code modeling_llama.py} computes it, and the two
 * architectures whose 4.40.2 modeling files are copies of it with config-driven differences: Mistral
 * ({@code modeling_mistral.py}) and Qwen2 ({@code modeling_qwen2.py}).
 *
 * <p>Per layer: {@code h = x + o_proj(attention(rmsnorm(x)))}, then {@code h + mlp(rmsnorm(h))} with the gated
 * SiLU MLP. Attention: rotary positions ({@code rope_theta}) in the rotate_half convention, grouped-query heads,
 * scores divided by sqrt(head_dim), softmax in float32. The head is {@code lm_head.weight}, or
 * {@code model.embed_tokens.weight} when {@code tie_word_embeddings} is true (the file then need not hold
 * {@code lm_head.weight}).
 *
 * <p>Differences between the three:
 * <ul>
 *   <li>llama: {@code attention_bias} puts biases on q_proj, k_proj, v_proj and o_proj; no window.</li>
 *   <li>mistral: no biases; {@code sliding_window} limits attention (see {@link SlidingWindowRule}).</li>
 *   <li>qwen2: q_proj, k_proj and v_proj have biases, o_proj has none. 4.40.2's eager mask applies
 *       {@code sliding_window} whatever {@code use_sliding_window} says, and so does this class.</li>
 * </ul>
 * Mixtral shares everything but the feed-forward ({@link MixtralModel}).
 */
class LlamaModel extends CausalLm {

    private final RotaryEmbedding rotary;
    private final SlidingWindowRule windowRule;

    LlamaModel(ModelConfig config, TensorSource weights, WeightDtype dtype, SlidingWindowRule windowRule) {
        this(config, weights, dtype, layout(config, LlamaModel::declareMlp), windowRule);
    }

    LlamaModel(ModelConfig config, TensorSource weights, WeightDtype dtype, ParameterLayout layout,
               SlidingWindowRule windowRule) {
        super(config, weights, dtype, layout);
        this.rotary = new RotaryEmbedding(config.rotaryDim(), config.ropeTheta());
        this.windowRule = windowRule;
    }

    /** Which of the four attention projections carry a bias. */
    private static boolean hasBias(ModelConfig config, String projection) {
        return switch (config.architecture()) {
            case LLAMA -> config.attentionBias();
            case QWEN2 -> !projection.equals("o_proj");
            default -> false;
        };
    }

    /** Hooks a feed-forward's parameters into the layout of one layer ({@code model.layers.i.}). */
    interface FeedForwardLayout {
        void declare(ParameterLayout layout, String layerPrefix, ModelConfig config);
    }

    /** The state dict in HF order, with {@code feedForward} declaring each layer's MLP or experts. */
    static ParameterLayout layout(ModelConfig config, FeedForwardLayout feedForward) {
        long hidden = config.hiddenSize();
        long qWidth = (long) config.numHeads() * config.headDim();
        long kvWidth = (long) config.numKvHeads() * config.headDim();
        ParameterLayout layout = new ParameterLayout().add("model.embed_tokens.weight", config.vocabSize(), hidden);
        for (int i = 0; i < config.numLayers(); i++) {
            String p = "model.layers." + i + ".";
            addProjection(layout, config, p + "self_attn.q_proj", qWidth, hidden);
            addProjection(layout, config, p + "self_attn.k_proj", kvWidth, hidden);
            addProjection(layout, config, p + "self_attn.v_proj", kvWidth, hidden);
            addProjection(layout, config, p + "self_attn.o_proj", hidden, qWidth);
            feedForward.declare(layout, p, config);
            layout.add(p + "input_layernorm.weight", hidden);
            layout.add(p + "post_attention_layernorm.weight", hidden);
        }
        layout.add("model.norm.weight", hidden);
        if (config.tieWordEmbeddings()) {
            layout.tie("lm_head.weight", "model.embed_tokens.weight");
        } else {
            layout.add("lm_head.weight", config.vocabSize(), hidden);
        }
        return layout;
    }

    private static void addProjection(ParameterLayout layout, ModelConfig config, String module, long out, long in) {
        layout.add(module + ".weight", out, in);
        if (hasBias(config, module.substring(module.lastIndexOf('.') + 1))) {
            layout.add(module + ".bias", out);
        }
    }

    private static void declareMlp(ParameterLayout layout, String layerPrefix, ModelConfig config) {
        layout.add(layerPrefix + "mlp.gate_proj.weight", config.intermediateSize(), config.hiddenSize());
        layout.add(layerPrefix + "mlp.up_proj.weight", config.intermediateSize(), config.hiddenSize());
        layout.add(layerPrefix + "mlp.down_proj.weight", config.hiddenSize(), config.intermediateSize());
    }

    @Override
    NDArray embed(NDArray inputIds, TokenLayout tokens) {
        return Blocks.embedding(inputIds, param("model.embed_tokens.weight"));
    }

    @Override
    LayerInputs layerInputs(NDArray inputIds, NDArray attentionMask, TokenLayout tokens,
                            Consumer<NDArray> routerLogits) {
        NDManager manager = inputIds.getManager();
        AttentionMask mask = AttentionMask.additive(manager, tokens.longest(),
                tokens.attentionMask(manager, attentionMask), config().slidingWindow(), windowRule);
        return new LayerInputs(manager, tokens, mask, rotary.tables(manager, tokens.positions(manager)),
                routerLogits);
    }

    @Override
    NDArray decoderLayer(int layer, NDArray hidden, LayerInputs inputs) {
        String p = "model.layers." + layer + ".";
        // attention's temporaries (norm, projections, rotary, grid copies) are freed before the MLP runs
        NDArray attended = scoped(() -> selfAttention(p + "self_attn.", rmsNorm(hidden, p + "input_layernorm.weight"),
                inputs));
        NDArray residual = hidden.add(attended);
        return residual.add(feedForward(p, rmsNorm(residual, p + "post_attention_layernorm.weight"), inputs));
    }

    /** The dense gated MLP; Mixtral replaces it with its experts. */
    NDArray feedForward(String layerPrefix, NDArray x, LayerInputs inputs) {
        String p = layerPrefix + "mlp.";
        return Blocks.gatedMlp(x, param(p + "gate_proj.weight"), param(p + "up_proj.weight"),
                param(p + "down_proj.weight"), config().activation());
    }

    @Override
    NDArray finalNorm(NDArray hidden) {
        return rmsNorm(hidden, "model.norm.weight");
    }

    @Override
    NDArray lmHeadWeight() {
        return param(config().tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight");
    }

    private NDArray selfAttention(String p, NDArray x, LayerInputs inputs) {
        NDArray q = Blocks.splitHeads(linear(x, p + "q_proj"), config().numHeads());
        NDArray k = Blocks.splitHeads(linear(x, p + "k_proj"), config().numKvHeads());
        NDArray v = Blocks.splitHeads(linear(x, p + "v_proj"), config().numKvHeads());
        NDArray attended = inputs.attend(rotary.apply(q, inputs.rotary()), rotary.apply(k, inputs.rotary()), v,
                Math.sqrt(config().headDim()));
        return linear(Blocks.mergeHeads(attended), p + "o_proj");
    }

    private NDArray rmsNorm(NDArray x, String weight) {
        return Blocks.rmsNorm(x, param(weight), config().normEps());
    }
}

package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.checkpoint.TensorSource;

import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * GPT-2 as transformers 4.40.2 {@code modeling_gpt2.py} ({@code GPT2LMHeadModel}) computes it.
 *
 * <p>Embedding: {@code wte(ids) + wpe(positions)} with learned positions 0..T-1 (at most {@code n_positions}).
 * Per layer: {@code h = x + attn(ln_1(x))}, then {@code h + mlp(ln_2(h))}, with {@code mlp = c_proj(act(c_fc))}
 * (gelu_new by default). The projections are {@code Conv1D} modules: weights stored [in, out] and applied as
 * {@code x @ W + b}. {@code c_attn} splits its columns into q | k | v. Scores are divided by sqrt(head_dim)
 * ({@code scale_attn_weights}) and by layer index + 1 ({@code scale_attn_by_inverse_layer_idx}). The head is
 * tied to {@code wte} unless {@code tie_word_embeddings} is false ({@code lm_head.weight}).
 * {@code reorder_and_upcast_attn} only changes the rounding order of half-precision runs and is not read.
 *
 * <p>Names: HF's files prefix the body with {@code transformer.}; original hub files do not. Both are
 * accepted, and parameters keep the names of the file. The causal-mask buffers {@code attn.bias} and
 * {@code attn.masked_bias} of older files are ignored.
 */
final class Gpt2Model extends CausalLm {

    private final String prefix;

    Gpt2Model(ModelConfig config, TensorSource weights, WeightDtype dtype) {
        this(config, weights, dtype, namePrefix(weights));
    }

    private Gpt2Model(ModelConfig config, TensorSource weights, WeightDtype dtype, String prefix) {
        super(config, weights, dtype, layout(config, prefix));
        this.prefix = prefix;
    }

    /** "transformer." as HF writes it, or "" for files with the original unprefixed names. */
    private static String namePrefix(TensorSource weights) {
        return !weights.names().contains("transformer.wte.weight") && weights.names().contains("wte.weight")
                ? "" : "transformer.";
    }

    private static ParameterLayout layout(ModelConfig config, String prefix) {
        long hidden = config.hiddenSize();
        long inner = config.intermediateSize();
        ParameterLayout layout = new ParameterLayout()
                .add(prefix + "wte.weight", config.vocabSize(), hidden)
                .add(prefix + "wpe.weight", config.maxPositions(), hidden)
                .ignore(Pattern.quote(prefix) + "h\\.\\d+\\.attn\\.(bias|masked_bias)");
        for (int i = 0; i < config.numLayers(); i++) {
            String p = prefix + "h." + i + ".";
            layout.add(p + "ln_1.weight", hidden).add(p + "ln_1.bias", hidden)
                    .add(p + "attn.c_attn.weight", hidden, 3 * hidden).add(p + "attn.c_attn.bias", 3 * hidden)
                    .add(p + "attn.c_proj.weight", hidden, hidden).add(p + "attn.c_proj.bias", hidden)
                    .add(p + "ln_2.weight", hidden).add(p + "ln_2.bias", hidden)
                    .add(p + "mlp.c_fc.weight", hidden, inner).add(p + "mlp.c_fc.bias", inner)
                    .add(p + "mlp.c_proj.weight", inner, hidden).add(p + "mlp.c_proj.bias", hidden);
        }
        layout.add(prefix + "ln_f.weight", hidden).add(prefix + "ln_f.bias", hidden);
        if (config.tieWordEmbeddings()) {
            layout.tie("lm_head.weight", prefix + "wte.weight");
        } else {
            layout.add("lm_head.weight", config.vocabSize(), hidden);
        }
        return layout;
    }

    @Override
    int maxSequenceLength() {
        return config().maxPositions();
    }

    @Override
    NDArray embed(NDArray inputIds, TokenLayout tokens) {
        NDArray positions = tokens.positions(inputIds.getManager()).reshape(1, tokens.tokens());
        return Blocks.embedding(inputIds, param(prefix + "wte.weight"))
                .add(Blocks.embedding(positions, param(prefix + "wpe.weight")));
    }

    @Override
    LayerInputs layerInputs(NDArray inputIds, NDArray attentionMask, TokenLayout tokens,
                            Consumer<NDArray> routerLogits) {
        NDManager manager = inputIds.getManager();
        AttentionMask mask = AttentionMask.causalThenPadding(manager, tokens.longest(),
                tokens.attentionMask(manager, attentionMask));
        return new LayerInputs(manager, tokens, mask, null, routerLogits);
    }

    @Override
    NDArray decoderLayer(int layer, NDArray hidden, LayerInputs inputs) {
        String p = prefix + "h." + layer + ".";
        NDArray residual = attention(layer, p + "attn.", layerNorm(hidden, p + "ln_1"), inputs).add(hidden);
        NDArray mlp = conv1d(config().activation().apply(conv1d(layerNorm(residual, p + "ln_2"), p + "mlp.c_fc")),
                p + "mlp.c_proj");
        return residual.add(mlp);
    }

    @Override
    NDArray finalNorm(NDArray hidden) {
        return layerNorm(hidden, prefix + "ln_f");
    }

    @Override
    NDArray lmHeadWeight() {
        return param(config().tieWordEmbeddings() ? prefix + "wte.weight" : "lm_head.weight");
    }

    private NDArray attention(int layer, String p, NDArray x, LayerInputs inputs) {
        long hidden = config().hiddenSize();
        NDList qkv = conv1d(x, p + "c_attn").split(new long[] {hidden, 2 * hidden}, 2);
        long heads = config().numHeads();
        double divisor = (config().scaleAttentionWeights() ? Math.sqrt(config().headDim()) : 1.0)
                * (config().scaleAttentionByInverseLayerIdx() ? layer + 1 : 1);
        NDArray attended = inputs.attend(Blocks.splitHeads(qkv.get(0), heads), Blocks.splitHeads(qkv.get(1), heads),
                Blocks.splitHeads(qkv.get(2), heads), divisor);
        return conv1d(Blocks.mergeHeads(attended), p + "c_proj");
    }

    /** HF {@code Conv1D}: weight stored [in, out], {@code x @ W + b}. */
    private NDArray conv1d(NDArray x, String module) {
        return Blocks.matMul(x, param(module + ".weight")).add(param(module + ".bias"));
    }

    private NDArray layerNorm(NDArray x, String module) {
        return Blocks.layerNorm(x, param(module + ".weight"), param(module + ".bias"), config().normEps());
    }
}

package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.checkpoint.TensorSource;

import java.util.function.Consumer;

/**
 * GPT-NeoX (Pythia and relatives) as transformers 4.40.2 {@code modeling_gpt_neox.py} computes it.
 *
 * <p>Per layer with {@code use_parallel_residual}: {@code x + attention(ln1(x)) + mlp(ln2(x))}; without it:
 * {@code h = x + attention(ln1(x))}, then {@code h + mlp(ln2(h))}. LayerNorms with biases; the MLP is
 * {@code dense_4h_to_h(act(dense_h_to_4h(x)))} (exact gelu for Pythia).
 *
 * <p>Attention: the fused {@code query_key_value} projection [3H, H] is laid out per head: its output, viewed as
 * [T, heads, 3 * head_dim], holds q, k and v of each head side by side. Rotary positions
 * ({@code rotary_emb_base}) apply to the first {@code int(head_dim * rotary_pct)} dimensions of each head only.
 * Masking follows GPT-2 (future keys replaced by min, then padding added). The head is the untied
 * {@code embed_out.weight} unless {@code tie_word_embeddings}. Legacy buffers ({@code attention.bias},
 * {@code attention.masked_bias}, {@code attention.rotary_emb.inv_freq}) are ignored.
 */
final class GptNeoXModel extends CausalLm {

    private final RotaryEmbedding rotary;

    GptNeoXModel(ModelConfig config, TensorSource weights, WeightDtype dtype) {
        super(config, weights, dtype, layout(config));
        this.rotary = new RotaryEmbedding(config.rotaryDim(), config.ropeTheta());
    }

    private static ParameterLayout layout(ModelConfig config) {
        long hidden = config.hiddenSize();
        long inner = config.intermediateSize();
        ParameterLayout layout = new ParameterLayout()
                .add("gpt_neox.embed_in.weight", config.vocabSize(), hidden)
                .ignore("gpt_neox\\.layers\\.\\d+\\.attention\\.(bias|masked_bias|rotary_emb\\.inv_freq)");
        for (int i = 0; i < config.numLayers(); i++) {
            String p = "gpt_neox.layers." + i + ".";
            layout.add(p + "input_layernorm.weight", hidden).add(p + "input_layernorm.bias", hidden)
                    .add(p + "post_attention_layernorm.weight", hidden)
                    .add(p + "post_attention_layernorm.bias", hidden)
                    .add(p + "attention.query_key_value.weight", 3 * hidden, hidden);
            if (config.attentionBias()) {
                layout.add(p + "attention.query_key_value.bias", 3 * hidden);
            }
            layout.add(p + "attention.dense.weight", hidden, hidden);
            if (config.attentionBias()) {
                layout.add(p + "attention.dense.bias", hidden);
            }
            layout.add(p + "mlp.dense_h_to_4h.weight", inner, hidden).add(p + "mlp.dense_h_to_4h.bias", inner)
                    .add(p + "mlp.dense_4h_to_h.weight", hidden, inner).add(p + "mlp.dense_4h_to_h.bias", hidden);
        }
        layout.add("gpt_neox.final_layer_norm.weight", hidden).add("gpt_neox.final_layer_norm.bias", hidden);
        if (config.tieWordEmbeddings()) {
            layout.tie("embed_out.weight", "gpt_neox.embed_in.weight");
        } else {
            layout.add("embed_out.weight", config.vocabSize(), hidden);
        }
        return layout;
    }

    @Override
    NDArray embed(NDArray inputIds, TokenLayout tokens) {
        return Blocks.embedding(inputIds, param("gpt_neox.embed_in.weight"));
    }

    @Override
    LayerInputs layerInputs(NDArray inputIds, NDArray attentionMask, TokenLayout tokens,
                            Consumer<NDArray> routerLogits) {
        NDManager manager = inputIds.getManager();
        AttentionMask mask = AttentionMask.causalThenPadding(manager, tokens.longest(),
                tokens.attentionMask(manager, attentionMask));
        return new LayerInputs(manager, tokens, mask, rotary.tables(manager, tokens.positions(manager)),
                routerLogits);
    }

    @Override
    NDArray decoderLayer(int layer, NDArray hidden, LayerInputs inputs) {
        String p = "gpt_neox.layers." + layer + ".";
        NDArray attended = attention(p + "attention.", layerNorm(hidden, p + "input_layernorm"), inputs);
        if (config().parallelResidual()) {
            return mlp(p + "mlp.", layerNorm(hidden, p + "post_attention_layernorm")).add(attended).add(hidden);
        }
        NDArray residual = attended.add(hidden);
        return mlp(p + "mlp.", layerNorm(residual, p + "post_attention_layernorm")).add(residual);
    }

    @Override
    NDArray finalNorm(NDArray hidden) {
        return layerNorm(hidden, "gpt_neox.final_layer_norm");
    }

    @Override
    NDArray lmHeadWeight() {
        return param(config().tieWordEmbeddings() ? "gpt_neox.embed_in.weight" : "embed_out.weight");
    }

    private NDArray attention(String p, NDArray x, LayerInputs inputs) {
        Shape shape = x.getShape();
        long heads = config().numHeads();
        long headDim = config().headDim();
        NDArray perHead = linear(x, p + "query_key_value")
                .reshape(shape.get(0), shape.get(1), heads, 3 * headDim)
                .transpose(0, 2, 1, 3);
        NDList qkv = perHead.split(new long[] {headDim, 2 * headDim}, 3);
        NDArray attended = inputs.attend(rotary.apply(qkv.get(0), inputs.rotary()),
                rotary.apply(qkv.get(1), inputs.rotary()), qkv.get(2), Math.sqrt(headDim));
        return linear(Blocks.mergeHeads(attended), p + "dense");
    }

    private NDArray mlp(String p, NDArray x) {
        return linear(config().activation().apply(linear(x, p + "dense_h_to_4h")), p + "dense_4h_to_h");
    }

    private NDArray layerNorm(NDArray x, String module) {
        return Blocks.layerNorm(x, param(module + ".weight"), param(module + ".bias"), config().normEps());
    }
}

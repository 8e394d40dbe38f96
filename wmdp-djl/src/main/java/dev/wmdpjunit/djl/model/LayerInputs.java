package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;

import java.util.function.Consumer;

/**
 * What every decoder layer of one forward pass shares.
 *
 * @param tokens       the sequences along the token axis
 * @param mask         causal/padding/window masking of the attention scores, for the longest sequence
 * @param rotary       rotary tables for the position of every token, or null for learned positions (gpt2)
 * @param routerLogits receives each mixture-of-experts layer's router logits [B, T, experts]
 */
record LayerInputs(TokenLayout tokens, AttentionMask mask, RotaryEmbedding.Tables rotary,
                   Consumer<NDArray> routerLogits) {

    /** Attention of q [B, heads, T, d] over k, v [B, kvHeads, T, d] within each sequence; see {@link Attention}. */
    NDArray attend(NDArray q, NDArray k, NDArray v, double scoreDivisor) {
        return Attention.attend(q, k, v, mask, tokens, scoreDivisor);
    }
}

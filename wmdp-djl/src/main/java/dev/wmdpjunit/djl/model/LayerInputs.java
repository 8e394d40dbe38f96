package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;

import java.util.function.Consumer;

/**
 * What every decoder layer of one forward pass shares.
 *
 * @param mask         causal/padding/window masking of the attention scores
 * @param rotary       rotary tables for positions 0..T-1, or null for learned positions (gpt2)
 * @param routerLogits receives each mixture-of-experts layer's router logits [B, T, experts]
 */
record LayerInputs(AttentionMask mask, RotaryEmbedding.Tables rotary, Consumer<NDArray> routerLogits) {
}

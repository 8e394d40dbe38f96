package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.function.Consumer;

/**
 * What every decoder layer of one forward pass shares.
 *
 * @param grid         for a packed pass, how its sequences move into the grid attention runs on; null for a grid
 * @param mask         causal/padding/window masking of the attention scores of the grid
 * @param rotary       rotary tables for the position of every token, or null for learned positions (gpt2)
 * @param routerLogits receives each mixture-of-experts layer's router logits [B, T, experts]
 */
record LayerInputs(TokenLayout.GridIndex grid, AttentionMask mask, RotaryEmbedding.Tables rotary,
                   Consumer<NDArray> routerLogits) {

    LayerInputs(NDManager manager, TokenLayout tokens, AttentionMask mask, RotaryEmbedding.Tables rotary,
                Consumer<NDArray> routerLogits) {
        this(tokens.gridIndex(manager), mask, rotary, routerLogits);
    }

    /** Attention of q [B, heads, T, d] over k, v [B, kvHeads, T, d] within each sequence; see {@link Attention}. */
    NDArray attend(NDArray q, NDArray k, NDArray v, double scoreDivisor) {
        if (grid == null) {
            return Attention.attend(q, k, v, mask, scoreDivisor);
        }
        return grid.fromGrid(Attention.attendRealRows(grid.toGrid(q), grid.toGrid(k), grid.toGrid(v), mask,
                scoreDivisor));
    }
}

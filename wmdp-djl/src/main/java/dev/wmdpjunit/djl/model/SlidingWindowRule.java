package dev.wmdpjunit.djl.model;

/**
 * Which keys a query sees under a sliding attention window of W ({@code sliding_window} in config.json).
 * Versions of transformers disagree by one key; the outputs differ noticeably once sequences exceed W.
 */
public enum SlidingWindowRule {
    /**
     * transformers 4.40.2 eager attention (the mask of {@code _prepare_4d_causal_attention_mask}): query q sees
     * keys q-W .. q, that is W+1 keys. The default, because it is what 4.40.2 computes and what the golden
     * references record.
     */
    TRANSFORMERS_4_40,
    /**
     * Newer transformers ({@code masking_utils.sliding_window_overlay}: {@code kv > q - W}) and flash-attention
     * windows: query q sees keys q-W+1 .. q, that is W keys.
     */
    MODERN
}

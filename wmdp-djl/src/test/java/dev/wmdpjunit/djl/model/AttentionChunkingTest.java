package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** Attention over chunks of queries (bounded memory for long inputs) computes what attention over all queries does. */
class AttentionChunkingTest {

    private static final int BATCH = 2;
    private static final int HEADS = 4;
    private static final int KV_HEADS = 2;
    private static final int LENGTH = 37;
    private static final int HEAD_DIM = 8;

    /** Thresholds giving chunks of 1, 3 and 16 query rows (and a last, shorter chunk). */
    @ParameterizedTest
    @ValueSource(longs = {BATCH * HEADS * LENGTH, 3L * BATCH * HEADS * LENGTH, 16L * BATCH * HEADS * LENGTH})
    void chunkedQueriesMatchAllQueriesForBothMaskKinds(long maxScoreElements) {
        try (NDManager manager = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray q = manager.randomNormal(new Shape(BATCH, HEADS, LENGTH, HEAD_DIM));
            NDArray k = keysOrValues(manager);
            NDArray v = keysOrValues(manager);
            long[][] padding = new long[BATCH][LENGTH];
            java.util.Arrays.fill(padding[0], 1L);
            java.util.Arrays.fill(padding[1], 0, 20, 1L); // row 1 right-padded after 20 tokens
            NDArray paddingMask = manager.create(padding);
            for (AttentionMask mask : masks(manager, LENGTH, paddingMask)) {
                NDArray whole = Attention.attend(q, k, v, mask, Math.sqrt(HEAD_DIM), Long.MAX_VALUE, false);
                NDArray chunked = Attention.attend(q, k, v, mask, Math.sqrt(HEAD_DIM), maxScoreElements,
                        !mask.masksPadding());
                assertThat(chunked.getShape()).isEqualTo(whole.getShape());
                assertThat(chunked.sub(whole).abs().max().getFloat()).isLessThanOrEqualTo(1e-6f);
            }
        }
    }

    /**
     * Without padding, a chunk of queries sees only the keys up to its last query; the keys left out had weight 0.
     * Sequences packed back to back, attended on their right-padded grid with keys trimmed, attend as each alone.
     */
    @ParameterizedTest
    @ValueSource(longs = {BATCH * HEADS * LENGTH, 3L * BATCH * HEADS * LENGTH, 16L * BATCH * HEADS * LENGTH})
    void chunksSkipLaterKeysAndPackedSequencesAttendAlone(long maxScoreElements) {
        try (NDManager manager = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray q = manager.randomNormal(new Shape(BATCH, HEADS, LENGTH, HEAD_DIM));
            NDArray k = keysOrValues(manager);
            NDArray v = keysOrValues(manager);
            for (AttentionMask mask : masks(manager, LENGTH, null)) {
                assertThat(mask.masksPadding()).isFalse();
                NDArray whole = Attention.attend(q, k, v, mask, Math.sqrt(HEAD_DIM), Long.MAX_VALUE, false);
                NDArray chunked = Attention.attend(q, k, v, mask, Math.sqrt(HEAD_DIM), maxScoreElements, true);
                assertThat(chunked.sub(whole).abs().max().getFloat()).isLessThanOrEqualTo(1e-6f);
            }

            // row 0, row 1 and row 0's first 11 tokens back to back, as three sequences of one pass
            TokenLayout tokens = TokenLayout.packed(new long[] {LENGTH, LENGTH, 11});
            for (int kind = 0; kind < 2; kind++) {
                AttentionMask alone = masks(manager, LENGTH, null)[kind];
                AttentionMask grid = masks(manager, LENGTH, tokens.attentionMask(manager, null))[kind];
                NDArray expected = Attention.attend(q, k, v, alone, Math.sqrt(HEAD_DIM), Long.MAX_VALUE, false);
                LayerInputs inputs = new LayerInputs(manager, tokens, grid, null, logits -> { });
                NDArray packed = inputs.attend(packed(q), packed(k), packed(v), Math.sqrt(HEAD_DIM));
                assertThat(packed.sub(packed(expected)).abs().max().getFloat()).isLessThanOrEqualTo(1e-6f);
            }
        }
    }

    private static NDArray keysOrValues(NDManager manager) {
        return manager.randomNormal(new Shape(BATCH, KV_HEADS, LENGTH, HEAD_DIM));
    }

    private static AttentionMask[] masks(NDManager manager, long length, NDArray padding) {
        return new AttentionMask[] {
                AttentionMask.additive(manager, length, padding, OptionalInt.of(9), SlidingWindowRule.TRANSFORMERS_4_40),
                AttentionMask.causalThenPadding(manager, length, padding)};
    }

    /** [2, h, T, d] to [1, h, 2T + 11, d]: row 0, row 1, then row 0's first 11 tokens. */
    private static NDArray packed(NDArray x) {
        return x.get("0:1").concat(x.get("1:2"), 2).concat(x.get("0:1, :, :11, :"), 2);
    }
}

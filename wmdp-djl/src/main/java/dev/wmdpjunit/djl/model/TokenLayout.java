package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import java.util.Arrays;

/**
 * Which sequences the token axis of a pass's [B, T] input holds. A <em>grid</em> is B rows of one sequence each,
 * positions 0..T-1 (shorter sequences are padded, the attention mask hides the padding). A <em>packed</em> pass is
 * one row holding S sequences back to back, each at positions 0..length-1 and attending to itself alone: the
 * per-token work (projections, MLP, norms) runs over the real tokens only, and attention runs on the sequences
 * gathered into an [S, longest] grid, right-padded, then scattered back ({@link #toGrid}, {@link #fromGrid}).
 */
final class TokenLayout {

    private final long[] lengths;
    private final long longest;
    private final long tokens;
    private final boolean packed;

    private TokenLayout(long[] lengths, boolean packed) {
        if (lengths.length == 0 || Arrays.stream(lengths).anyMatch(length -> length < 1)) {
            throw new IllegalArgumentException("sequence lengths must be positive, got " + Arrays.toString(lengths));
        }
        this.lengths = lengths.clone();
        this.longest = Arrays.stream(lengths).max().orElseThrow();
        this.tokens = Arrays.stream(lengths).sum();
        this.packed = packed;
    }

    /** Every row one sequence of {@code length} positions. */
    static TokenLayout grid(long length) {
        return new TokenLayout(new long[] {length}, false);
    }

    /** Sequences of these lengths back to back in one row. */
    static TokenLayout packed(long[] lengths) {
        return new TokenLayout(lengths, true);
    }

    /** Tokens per row: T. */
    long tokens() {
        return tokens;
    }

    /** The longest sequence: the size of the attention mask a pass needs. */
    long longest() {
        return longest;
    }

    /** [T] int64: the position of each token of a row within its sequence. */
    NDArray positions(NDManager manager) {
        long[] positions = new long[Math.toIntExact(tokens)];
        int next = 0;
        for (long length : lengths) {
            for (int t = 0; t < length; t++) {
                positions[next++] = t;
            }
        }
        return manager.create(positions);
    }

    /**
     * The padding mask attention needs: {@code given} for a grid; for a packed pass the [S, longest] mask of its
     * grid (1 = real token), or null when all its sequences have the same length. The padding is on the right.
     */
    NDArray attentionMask(NDManager manager, NDArray given) {
        if (!packed) {
            return given;
        }
        if (Arrays.stream(lengths).allMatch(length -> length == longest)) {
            return null;
        }
        long[][] mask = new long[lengths.length][Math.toIntExact(longest)];
        for (int s = 0; s < lengths.length; s++) {
            Arrays.fill(mask[s], 0, (int) lengths[s], 1L);
        }
        return manager.create(mask);
    }

    /** How a packed pass's [1, heads, T, d] arrays move into its [S, heads, longest, d] grid and back. */
    record GridIndex(NDArray slotTokens, NDArray tokenSlots, long sequences, long longest) {

        /** [1, heads, T, d] to [S, heads, longest, d]; a padded slot holds its sequence's first token. */
        NDArray toGrid(NDArray x) {
            long heads = x.getShape().get(1);
            long headDim = x.getShape().get(3);
            return x.get(new NDIndex(":, :, {}", slotTokens)).reshape(heads, sequences, longest, headDim)
                    .transpose(1, 0, 2, 3);
        }

        /** [S, heads, longest, d] to [1, heads, T, d], padded slots dropped. */
        NDArray fromGrid(NDArray x) {
            long heads = x.getShape().get(1);
            long headDim = x.getShape().get(3);
            return x.transpose(1, 0, 2, 3).reshape(1, heads, sequences * longest, headDim)
                    .get(new NDIndex(":, :, {}", tokenSlots));
        }
    }

    /** The gather and scatter indices of a packed pass; null for a grid. */
    GridIndex gridIndex(NDManager manager) {
        if (!packed) {
            return null;
        }
        long[] slotTokens = new long[Math.toIntExact(lengths.length * longest)];
        long[] tokenSlots = new long[Math.toIntExact(tokens)];
        int start = 0;
        for (int s = 0; s < lengths.length; s++) {
            for (int t = 0; t < longest; t++) {
                int slot = (int) (s * longest + t);
                slotTokens[slot] = start + (t < lengths[s] ? t : 0);
                if (t < lengths[s]) {
                    tokenSlots[start + t] = slot;
                }
            }
            start += (int) lengths[s];
        }
        return new GridIndex(manager.create(slotTokens), manager.create(tokenSlots), lengths.length, longest);
    }
}

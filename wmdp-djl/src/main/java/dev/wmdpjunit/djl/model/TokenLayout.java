package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Arrays;

/**
 * Which sequences the token axis of a pass's [B, T] input holds. A <em>grid</em> is B rows of one sequence each,
 * positions 0..T-1 (shorter sequences are padded, the attention mask hides the padding). A <em>packed</em> pass is
 * one row holding several sequences back to back, each at positions 0..length-1 and attending to itself alone:
 * no padding is computed, and the per-token work (projections, MLP, norms) runs over the real tokens of every
 * sequence at once.
 */
final class TokenLayout {

    private final long[] starts;
    private final long[] lengths;
    private final long longest;

    private TokenLayout(long[] lengths) {
        this.lengths = lengths.clone();
        this.starts = new long[lengths.length];
        long next = 0;
        for (int s = 0; s < lengths.length; s++) {
            if (lengths[s] < 1) {
                throw new IllegalArgumentException("sequence lengths must be positive, got " + Arrays.toString(lengths));
            }
            starts[s] = next;
            next += lengths[s];
        }
        this.longest = Arrays.stream(lengths).max().orElseThrow(() -> new IllegalArgumentException("no sequence"));
    }

    /** Every row one sequence of {@code length} positions. */
    static TokenLayout grid(long length) {
        return new TokenLayout(new long[] {length});
    }

    /** Sequences of these lengths back to back in one row. */
    static TokenLayout packed(long[] lengths) {
        return new TokenLayout(lengths);
    }

    /** Tokens per row: T. */
    long tokens() {
        return starts[starts.length - 1] + lengths[lengths.length - 1];
    }

    /** The longest sequence: the size of the attention mask and of the position tables a pass needs. */
    long longest() {
        return longest;
    }

    int sequences() {
        return lengths.length;
    }

    long start(int sequence) {
        return starts[sequence];
    }

    long length(int sequence) {
        return lengths[sequence];
    }

    /** [T] int64: the position of each token of a row within its sequence. */
    NDArray positions(NDManager manager) {
        long[] positions = new long[Math.toIntExact(tokens())];
        for (int s = 0; s < lengths.length; s++) {
            for (int t = 0; t < lengths[s]; t++) {
                positions[(int) starts[s] + t] = t;
            }
        }
        return manager.create(positions);
    }
}

package dev.wmdpjunit.djl.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.wmdpjunit.core.scoring.ForwardPlan.Window;

import java.util.List;

/**
 * A batch of windows as model input: token ids right-padded to the longest window, the attention mask (1 = real
 * token, 0 = padding), and the flattened positions whose rows are scored ({@code b * T + t} for every window b
 * from its first scored position to its last token).
 */
final class PaddedBatch {

    /** Id written into padded slots; any id inside the vocabulary would do, since padding is masked and never read. */
    private static final long PAD_ID = 0;

    private final List<Window> windows;
    private final int length;
    private final int[] firstRow;
    private final int scoredRows;

    PaddedBatch(List<Window> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        this.windows = windows;
        this.length = windows.stream().mapToInt(Window::length).max().orElseThrow();
        this.firstRow = new int[windows.size()];
        int rows = 0;
        for (int w = 0; w < windows.size(); w++) {
            firstRow[w] = rows;
            rows += windows.get(w).length() - windows.get(w).firstScoredPosition();
        }
        this.scoredRows = rows;
    }

    /** Whether every window has the same length, so that no mask is needed. */
    boolean unpadded() {
        return windows.stream().allMatch(w -> w.length() == length);
    }

    /** Windows of the batch times the padded length: the positions the forward pass computes. */
    long paddedTokens() {
        return (long) windows.size() * length;
    }

    int scoredRows() {
        return scoredRows;
    }

    /** The row, among the scored rows, of position {@code position} of window {@code w}. */
    int row(int w, int position) {
        return firstRow[w] + position - windows.get(w).firstScoredPosition();
    }

    /** [B, T] int64. */
    NDArray inputIds(NDManager manager) {
        long[][] ids = new long[windows.size()][length];
        for (int w = 0; w < ids.length; w++) {
            int[] tokens = windows.get(w).inputIds();
            for (int t = 0; t < length; t++) {
                ids[w][t] = t < tokens.length ? tokens[t] : PAD_ID;
            }
        }
        return manager.create(ids);
    }

    /** [B, T] int64 with 1 on real tokens and 0 on padding. */
    NDArray attentionMask(NDManager manager) {
        long[][] mask = new long[windows.size()][length];
        for (int w = 0; w < mask.length; w++) {
            java.util.Arrays.fill(mask[w], 0, windows.get(w).length(), 1L);
        }
        return manager.create(mask);
    }

    /** [scoredRows] int64 indices into the flattened B * T positions. */
    NDArray scoredPositions(NDManager manager) {
        long[] positions = new long[scoredRows];
        for (int w = 0; w < windows.size(); w++) {
            Window window = windows.get(w);
            for (int t = window.firstScoredPosition(); t < window.length(); t++) {
                positions[row(w, t)] = (long) w * length + t;
            }
        }
        return manager.create(positions);
    }
}

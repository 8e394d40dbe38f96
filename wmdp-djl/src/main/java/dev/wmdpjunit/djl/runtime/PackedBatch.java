package dev.wmdpjunit.djl.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.wmdpjunit.core.scoring.ForwardPlan.Window;

import java.util.List;

/**
 * A batch of windows as model input for {@link dev.wmdpjunit.djl.model.CausalLm#packedLogitsAt}: their token ids
 * back to back (no padding), their lengths, and the token indices whose rows are scored (for every window, from its
 * first scored position to its last token).
 */
final class PackedBatch {

    private final List<Window> windows;
    private final int[] firstToken;
    private final int[] firstRow;
    private final int tokens;
    private final int scoredRows;

    PackedBatch(List<Window> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        this.windows = windows;
        this.firstToken = new int[windows.size()];
        this.firstRow = new int[windows.size()];
        int nextToken = 0;
        int rows = 0;
        for (int w = 0; w < windows.size(); w++) {
            Window window = windows.get(w);
            firstToken[w] = nextToken;
            firstRow[w] = rows;
            nextToken += window.length();
            rows += window.length() - window.firstScoredPosition();
        }
        this.tokens = nextToken;
        this.scoredRows = rows;
    }

    /** The tokens of all windows: what the forward pass computes. */
    int tokens() {
        return tokens;
    }

    /** The row, among the scored rows, of position {@code position} of window {@code w}. */
    int row(int w, int position) {
        return firstRow[w] + position - windows.get(w).firstScoredPosition();
    }

    /** [tokens] int64: window 0's ids, then window 1's, ... */
    NDArray inputIds(NDManager manager) {
        long[] ids = new long[tokens];
        for (int w = 0; w < windows.size(); w++) {
            int[] window = windows.get(w).inputIds();
            for (int t = 0; t < window.length; t++) {
                ids[firstToken[w] + t] = window[t];
            }
        }
        return manager.create(ids);
    }

    /** The windows' lengths, in batch order. */
    long[] lengths() {
        return windows.stream().mapToLong(Window::length).toArray();
    }

    /** [scoredRows] int64 indices into the packed tokens. */
    NDArray scoredPositions(NDManager manager) {
        long[] positions = new long[scoredRows];
        for (int w = 0; w < windows.size(); w++) {
            Window window = windows.get(w);
            for (int t = window.firstScoredPosition(); t < window.length(); t++) {
                positions[row(w, t)] = firstToken[w] + t;
            }
        }
        return manager.create(positions);
    }
}

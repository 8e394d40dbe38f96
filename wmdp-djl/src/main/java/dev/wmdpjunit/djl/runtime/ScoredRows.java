package dev.wmdpjunit.djl.runtime;

import dev.wmdpjunit.core.scoring.ForwardPlan.LogProbRows;

/**
 * The log-softmax rows of one window, copied out of a batch's [rows, vocab] float32 result; row
 * {@code position} of the window is row {@code position - firstPosition} of its block.
 */
final class ScoredRows implements LogProbRows {

    private final float[] logProbs;
    private final int vocabSize;
    private final int firstRow;
    private final int firstPosition;
    private final int lastPosition;

    /**
     * @param logProbs      the batch's rows, row-major, {@code vocabSize} entries each
     * @param firstRow      the batch row holding this window's {@code firstPosition}
     * @param firstPosition the window's first scored position
     * @param lastPosition  the window's last position
     */
    ScoredRows(float[] logProbs, int vocabSize, int firstRow, int firstPosition, int lastPosition) {
        this.logProbs = logProbs;
        this.vocabSize = vocabSize;
        this.firstRow = firstRow;
        this.firstPosition = firstPosition;
        this.lastPosition = lastPosition;
    }

    @Override
    public float logProb(int position, int tokenId) {
        if (tokenId < 0 || tokenId >= vocabSize) {
            throw new IllegalArgumentException("token " + tokenId + " outside the vocabulary [0, " + vocabSize + ")");
        }
        return logProbs[offset(position) + tokenId];
    }

    /** The lowest id among the largest entries, as torch's argmax. */
    @Override
    public int argmax(int position) {
        int offset = offset(position);
        int best = 0;
        for (int id = 1; id < vocabSize; id++) {
            if (logProbs[offset + id] > logProbs[offset + best]) {
                best = id;
            }
        }
        return best;
    }

    private int offset(int position) {
        if (position < firstPosition || position > lastPosition) {
            throw new IllegalArgumentException("row " + position + " was not computed; this window has rows "
                    + firstPosition + ".." + lastPosition);
        }
        return (firstRow + position - firstPosition) * vocabSize;
    }
}

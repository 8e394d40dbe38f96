package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;

/** Log-probabilities of tokens under a model's logits. */
public final class LogProbs {

    private LogProbs() {
    }

    /**
     * {@code log_softmax(logits[b, t])[ids[b, t + 1]]} for t = 0..T-2: how likely each next token was.
     *
     * @param logits   [B, T, vocab]
     * @param inputIds [B, T] int64, the ids the logits were computed from
     * @return [B, T - 1] float32
     */
    public static NDArray nextToken(NDArray logits, NDArray inputIds) {
        NDArray logSoftmax = logits.get(":, :-1, :").logSoftmax(2);
        NDArray targets = inputIds.get(":, 1:").expandDims(2);
        return logSoftmax.gather(targets, 2).squeeze(2);
    }
}

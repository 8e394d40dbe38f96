package dev.wmdpjunit.core.scoring;

import dev.wmdpjunit.core.model.LoglikelihoodRequest;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The tokens lm-eval feeds a causal LM for one request, and which output rows it scores
 * ({@code HFLM._loglikelihood_tokens}):
 * <pre>
 * full   = context + continuation
 * input  = full[-(maxLength + 1):][:-1]      // keep the last maxLength + 1 tokens, drop the very last
 * rows   = input.length - continuation.length .. input.length - 1
 * </pre>
 * Row {@code firstScoredPosition + j} of the model's output (fed {@code inputIds} with positions from 0)
 * predicts {@code continuation[j]}. Truncation happens only when {@code full} is longer than
 * {@code maxLength + 1} and cuts from the left, BOS included.
 *
 * @param inputIds            the window fed to the model
 * @param continuation        the tokens scored
 * @param firstScoredPosition the output row that predicts {@code continuation[0]}
 */
public record FedWindow(int[] inputIds, int[] continuation, int firstScoredPosition) {

    public FedWindow {
        inputIds = inputIds.clone();
        continuation = continuation.clone();
    }

    /**
     * The window for one request.
     *
     * @throws IllegalArgumentException if the window cannot hold every continuation token's predicting row
     *                                  (the continuation is longer than {@code maxLength}, or the request has
     *                                  no context and a one-token continuation)
     */
    public static FedWindow of(LoglikelihoodRequest request, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive, was " + maxLength);
        }
        int[] context = request.context();
        int[] continuation = request.continuation();
        int fullLength = context.length + continuation.length;
        int start = Math.max(0, fullLength - (maxLength + 1));
        int end = fullLength - 1;
        int[] input = IntStream.range(start, end)
                .map(i -> i < context.length ? context[i] : continuation[i - context.length])
                .toArray();
        if (continuation.length > input.length) {
            throw new IllegalArgumentException("cannot score " + continuation.length
                    + " continuation tokens in a window of " + input.length + " (maxLength " + maxLength
                    + ", context " + context.length + " tokens)");
        }
        return new FedWindow(input, continuation, input.length - continuation.length);
    }

    /** The scored output rows, {@code firstScoredPosition} to {@code inputIds.length - 1}. */
    public int[] scoredPositions() {
        return IntStream.range(firstScoredPosition, inputIds.length).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FedWindow w && Arrays.equals(inputIds, w.inputIds)
                && Arrays.equals(continuation, w.continuation) && firstScoredPosition == w.firstScoredPosition;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(inputIds) + Arrays.hashCode(continuation);
    }

    @Override
    public String toString() {
        return "FedWindow" + Arrays.toString(inputIds) + " scoring " + Arrays.toString(continuation)
                + " from row " + firstScoredPosition;
    }
}

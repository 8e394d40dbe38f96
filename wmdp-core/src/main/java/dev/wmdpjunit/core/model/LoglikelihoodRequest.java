package dev.wmdpjunit.core.model;

import java.util.Arrays;

/**
 * A token-level loglikelihood request, as lm-eval's {@code _loglikelihood_tokens} receives it:
 * the model scores {@code continuation} given {@code context}.
 */
public record LoglikelihoodRequest(int[] context, int[] continuation) {

    public LoglikelihoodRequest {
        context = context.clone();
        continuation = continuation.clone();
        if (continuation.length == 0) {
            throw new IllegalArgumentException("empty continuation");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoglikelihoodRequest r
                && Arrays.equals(context, r.context) && Arrays.equals(continuation, r.continuation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(context) + Arrays.hashCode(continuation);
    }

    @Override
    public String toString() {
        return "LoglikelihoodRequest" + Arrays.toString(context) + " -> " + Arrays.toString(continuation);
    }
}

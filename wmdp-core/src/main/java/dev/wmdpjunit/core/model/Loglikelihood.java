package dev.wmdpjunit.core.model;

/**
 * The answer to a {@link LoglikelihoodRequest}.
 *
 * @param value    sum of the continuation tokens' log-probabilities
 * @param isGreedy whether every continuation token is the argmax at its position
 */
public record Loglikelihood(double value, boolean isGreedy) {
}

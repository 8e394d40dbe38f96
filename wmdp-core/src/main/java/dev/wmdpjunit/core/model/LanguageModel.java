package dev.wmdpjunit.core.model;

import java.util.List;

/**
 * A causal language model as the scorer sees it: a tokenizer and loglikelihoods of token requests.
 * The DJL runtime implements it in-process; a server backend can implement it over the network.
 */
public interface LanguageModel extends AutoCloseable {

    Tokenizer tokenizer();

    /** Longest window the model accepts; lm-eval feeds at most {@code maxLength + 1} tokens minus the last one. */
    int maxLength();

    /**
     * Scores every request, in order. Implementations apply lm-eval's left truncation and may batch
     * and share forward passes freely; results must not depend on how requests are grouped.
     */
    List<Loglikelihood> loglikelihood(List<LoglikelihoodRequest> requests);

    @Override
    default void close() {
    }
}

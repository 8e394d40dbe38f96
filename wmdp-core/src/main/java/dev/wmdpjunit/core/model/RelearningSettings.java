package dev.wmdpjunit.core.model;

import java.util.Objects;

/**
 * How the relearning probe fine-tunes: next-token cross-entropy on the corpus's documents, {@code batchSize}
 * consecutive documents per step in file order (starting again at the first when the corpus runs out), each cut to
 * {@code maxLength} tokens, AdamW ({@code torch.optim.AdamW}: betas 0.9/0.999, eps 1e-8, weight decay 0.01) at a
 * constant learning rate on the parameters whose Hugging Face names fully match {@code parameters}. Deterministic:
 * no shuffling, no dropout.
 *
 * @param lr         learning rate, above 0
 * @param batchSize  documents per step, at least 1
 * @param maxLength  tokens per document at most (special tokens included), at least 2
 * @param parameters a regular expression over parameter names, e.g. {@code .*} for all
 */
public record RelearningSettings(double lr, int batchSize, int maxLength, String parameters) {

    public RelearningSettings {
        Objects.requireNonNull(parameters, "parameters");
        if (!(lr > 0) || batchSize < 1 || maxLength < 2 || parameters.isBlank()) {
            throw new IllegalArgumentException("relearning needs lr > 0, batchSize >= 1, maxLength >= 2 and a"
                    + " parameter pattern; got lr " + lr + ", batchSize " + batchSize + ", maxLength " + maxLength
                    + ", parameters '" + parameters + "'");
        }
    }
}

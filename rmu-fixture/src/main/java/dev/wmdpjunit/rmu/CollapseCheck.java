package dev.wmdpjunit.rmu;

import java.util.Locale;

/**
 * Retain-set perplexity of the base and the unlearned model, to catch an unlearning run that destroyed the model
 * instead of removing one topic.
 *
 * @param perplexityBefore base model on the retain sample
 * @param perplexityAfter  unlearned model on the same sample
 * @param maxRatio         the largest after/before ratio accepted
 */
public record CollapseCheck(double perplexityBefore, double perplexityAfter, double maxRatio) {

    /** after / before. */
    public double ratio() {
        return perplexityAfter / perplexityBefore;
    }

    /** True if the retain perplexity grew by more than {@code maxRatio} (or is not finite). */
    public boolean collapsed() {
        return !(ratio() <= maxRatio);
    }

    /** One line for logs and reports. */
    public String describe() {
        return String.format(Locale.ROOT, "retain perplexity %.4g -> %.4g (x%.3f, limit x%.3f)%s", perplexityBefore,
                perplexityAfter, ratio(), maxRatio,
                collapsed() ? ": MODEL COLLAPSE, the unlearned model lost general ability, not just the topic" : "");
    }
}

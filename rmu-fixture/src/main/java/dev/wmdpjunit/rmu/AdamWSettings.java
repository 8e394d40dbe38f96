package dev.wmdpjunit.rmu;

/**
 * An AdamW optimizer: which update rule and its constants.
 *
 * @param variant     where epsilon and weight decay enter the update
 * @param lr          learning rate
 * @param beta1       decay of the first moment
 * @param beta2       decay of the second moment
 * @param eps         added to the square root of the second moment
 * @param weightDecay decoupled weight decay (0 for none)
 */
public record AdamWSettings(Variant variant, double lr, double beta1, double beta2, double eps, double weightDecay) {

    /** The two AdamW update rules RMU runs are found with. */
    public enum Variant {
        /**
         * {@code transformers.AdamW} (transformers/optimization.py, deprecated and later removed), which the official
         * RMU code imports: {@code p -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)}, epsilon added to
         * sqrt(v) BEFORE the bias correction; weight decay, if any, {@code p -= lr * wd * p} after the update.
         */
        TRANSFORMERS,
        /**
         * {@code torch.optim.AdamW}: {@code p *= 1 - lr * wd} first, then
         * {@code p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}.
         */
        TORCH
    }

    public AdamWSettings {
        if (variant == null || !(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)
                || !(eps >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("invalid AdamW settings: variant " + variant + ", lr " + lr
                    + ", betas (" + beta1 + ", " + beta2 + "), eps " + eps + ", weight decay " + weightDecay);
        }
    }

    /** {@code transformers.AdamW(params, lr=lr)}: betas (0.9, 0.999), eps 1e-6, no weight decay. The RMU default. */
    public static AdamWSettings transformers(double lr) {
        return new AdamWSettings(Variant.TRANSFORMERS, lr, 0.9, 0.999, 1e-6, 0.0);
    }

    /** {@code torch.optim.AdamW(params, lr=lr)}: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public static AdamWSettings torch(double lr) {
        return new AdamWSettings(Variant.TORCH, lr, 0.9, 0.999, 1e-8, 0.01);
    }
}

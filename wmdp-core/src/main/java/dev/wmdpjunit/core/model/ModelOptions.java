package dev.wmdpjunit.core.model;

/**
 * How to run a model, independent of the backend.
 *
 * @param batchSize questions (or windows) per forward call; at least 1
 * @param threads   compute threads the backend may use; 0 means the backend's default
 */
public record ModelOptions(int batchSize, int threads) {

    public static final ModelOptions DEFAULT = new ModelOptions(8, 0);

    public ModelOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (default) or positive, was " + threads);
        }
    }
}

package dev.wmdpjunit.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * How to run a model, independent of the backend.
 *
 * @param batchSize questions (or windows) per forward call; at least 1
 * @param threads   compute threads the backend may use; 0 means the backend's default
 * @param dtype     the precision to hold the weights in; empty means the backend's default (the checkpoint's own
 *                  precision where the backend computes it correctly)
 */
public record ModelOptions(int batchSize, int threads, Optional<WeightDtype> dtype) {

    public static final ModelOptions DEFAULT = new ModelOptions(8, 0);

    public ModelOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (default) or positive, was " + threads);
        }
        Objects.requireNonNull(dtype, "dtype");
    }

    /** Options with the backend's default weight precision. */
    public ModelOptions(int batchSize, int threads) {
        this(batchSize, threads, Optional.empty());
    }

    public ModelOptions withDtype(WeightDtype weights) {
        return new ModelOptions(batchSize, threads, Optional.of(weights));
    }
}

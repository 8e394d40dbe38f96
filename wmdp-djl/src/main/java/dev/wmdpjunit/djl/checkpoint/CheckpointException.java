package dev.wmdpjunit.djl.checkpoint;

/**
 * A checkpoint that cannot be read: a missing or malformed file, an inconsistent shard index, a refused pickle.
 * The message names the file and, where there is one, the tensor.
 */
public class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}

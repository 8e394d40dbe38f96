package dev.wmdpjunit.djl.safetensors;

import dev.wmdpjunit.djl.checkpoint.CheckpointException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A safetensors file that is malformed or cannot be read as asked. The message starts with the file and, when
 * the problem belongs to one tensor, names it: {@code /m/model.safetensors: tensor 'lm_head.weight': ...}.
 */
public final class SafetensorsException extends CheckpointException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String tensor;

    /** A problem with the file as a whole. */
    public SafetensorsException(Path file, String problem) {
        this(file, null, problem, null);
    }

    /** A problem with one tensor of the file. */
    public SafetensorsException(Path file, String tensor, String problem) {
        this(file, tensor, problem, null);
    }

    public SafetensorsException(Path file, String tensor, String problem, Throwable cause) {
        super(file + ": " + (tensor == null ? "" : "tensor '" + tensor + "': ") + problem, cause);
        this.file = file;
        this.tensor = tensor;
    }

    public Path file() {
        return file;
    }

    /** The tensor the problem belongs to, if it belongs to one. */
    public Optional<String> tensor() {
        return Optional.ofNullable(tensor);
    }
}

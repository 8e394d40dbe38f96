package dev.wmdpjunit.core.model;

/** A model reference that cannot be opened; the message starts with the reference and the key it came from. */
public final class ModelReferenceException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ModelReferenceException(ModelReference reference, String problem) {
        super(reference + ": " + problem);
    }

    public ModelReferenceException(ModelReference reference, String problem, Throwable cause) {
        super(reference + ": " + problem, cause);
    }
}

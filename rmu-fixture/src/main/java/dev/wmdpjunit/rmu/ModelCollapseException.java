package dev.wmdpjunit.rmu;

/** Unlearning raised the retain-set perplexity beyond the configured limit; nothing was cached. */
public class ModelCollapseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient CollapseCheck check;

    public ModelCollapseException(CollapseCheck check) {
        super(check.describe());
        this.check = check;
    }

    public CollapseCheck check() {
        return check;
    }
}

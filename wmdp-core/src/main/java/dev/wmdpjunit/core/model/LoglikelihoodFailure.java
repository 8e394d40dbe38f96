package dev.wmdpjunit.core.model;

/**
 * A {@link LanguageModel} could not score one of the requests of a call: the message says why (and, for a server,
 * which endpoint), and {@link #requestIndex()} says which request, so that the scorer can name the question.
 */
public class LoglikelihoodFailure extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int requestIndex;

    /** @param requestIndex index of the failed request in the list given to {@link LanguageModel#loglikelihood} */
    public LoglikelihoodFailure(int requestIndex, String message, Throwable cause) {
        super(message, cause);
        this.requestIndex = requestIndex;
    }

    public int requestIndex() {
        return requestIndex;
    }
}

package dev.wmdpjunit.core.model;

/**
 * A {@link LanguageModel} could not score one of the requests of a call: the message says why (and, for a server,
 * which endpoint), and {@link #requestIndex()} says which request, so that the scorer can name the question.
 */
public class LoglikelihoodFailure extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int requestIndex;
    private final int requests;

    /** @param requestIndex index of the failed request in the list given to {@link LanguageModel#loglikelihood} */
    public LoglikelihoodFailure(int requestIndex, String message, Throwable cause) {
        this(requestIndex, 1, message, cause);
    }

    /**
     * A failure of several requests at once (a server's answer to a whole batch).
     *
     * @param requestIndex index of the first failed request in the list given to {@link LanguageModel#loglikelihood}
     * @param requests     how many requests from there failed together, at least 1
     */
    public LoglikelihoodFailure(int requestIndex, int requests, String message, Throwable cause) {
        super(message, cause);
        if (requests < 1) {
            throw new IllegalArgumentException("a failure covers at least 1 request, was " + requests);
        }
        this.requestIndex = requestIndex;
        this.requests = requests;
    }

    public int requestIndex() {
        return requestIndex;
    }

    /** How many requests, from {@link #requestIndex()} on, failed together; 1 when the failure is that request's. */
    public int requests() {
        return requests;
    }
}

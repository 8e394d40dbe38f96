package dev.wmdpjunit.rmu;

/** A corpus file that cannot be read as its format says; the message names the file and the line or row. */
public class CorpusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CorpusException(String message) {
        super(message);
    }

    public CorpusException(String message, Throwable cause) {
        super(message, cause);
    }
}

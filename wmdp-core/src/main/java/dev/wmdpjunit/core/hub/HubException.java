package dev.wmdpjunit.core.hub;

/**
 * A hub id that cannot be resolved or downloaded; the message names the id, the revision, the cache folder or URL
 * involved, and what to do.
 */
public class HubException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HubException(String message) {
        super(message);
    }

    public HubException(String message, Throwable cause) {
        super(message, cause);
    }
}

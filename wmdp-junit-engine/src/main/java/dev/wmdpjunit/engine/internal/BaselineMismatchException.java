package dev.wmdpjunit.engine.internal;

/**
 * A committed baseline cannot be compared with this run: other questions (dataset hash, question ids or gold
 * answers), another prompt format, or an unreadable file. An error rather than a verdict, since a comparison on
 * different questions would mean nothing; the message says how to re-record it.
 */
final class BaselineMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BaselineMismatchException(String message) {
        super(message);
    }

    BaselineMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}

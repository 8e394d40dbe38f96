package dev.wmdpjunit.engine.internal;

/** A suite class or method is declared in a way the engine cannot run; the message says what to change. */
final class InvalidSuiteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidSuiteException(String message) {
        super(message);
    }
}

package dev.wmdpjunit.engine;

/**
 * A setting is missing or has a bad value. The message names the configuration key (or annotation attribute),
 * what it holds, and what it should hold.
 */
public class WmdpConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WmdpConfigurationException(String message) {
        super(message);
    }

    public WmdpConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}

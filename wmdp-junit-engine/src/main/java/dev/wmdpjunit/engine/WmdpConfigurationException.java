package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.MAINTAINED;

import org.apiguardian.api.API;

/**
 * A setting is missing or has a bad value. The message names the configuration key (or annotation attribute),
 * what it holds, and what it should hold.
 */
@API(status = MAINTAINED, since = "0.1.0")
public class WmdpConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WmdpConfigurationException(String message) {
        super(message);
    }

    public WmdpConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}

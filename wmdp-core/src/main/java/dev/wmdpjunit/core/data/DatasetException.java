package dev.wmdpjunit.core.data;

/**
 * A benchmark file or folder that cannot be loaded as it is: missing, unreadable, corrupt, or holding a record
 * that breaks the format. The message names the file and, where there is one, the place in it (a 0-based row,
 * and for text formats the 1-based line) and the field. Loaders never drop or repair a bad record; they throw this.
 */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.wmdpjunit.core.results;

import java.io.IOException;
import java.nio.file.Path;

/** A results file that cannot be read as a valid result; the message names the file and the field. */
public class ResultsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param field the field's path, e.g. {@code questions[3].gold}; empty for the file as a whole
     */
    public ResultsFormatException(Path file, String field, String problem) {
        super("results file " + file + (field.isEmpty() ? "" : ": field '" + field + "'") + ": " + problem);
    }

    /** The file is not JSON at all. */
    public ResultsFormatException(Path file, String problem, Throwable cause) {
        super("results file " + file + ": " + problem, cause);
    }
}

package dev.wmdpjunit.reports.data;

import java.nio.file.Path;

/** A file of the results folder that a report cannot use; the message names the file and the field. */
public final class ReportInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReportInputException(Path file, String field, String problem) {
        super(file + ": field '" + field + "': " + problem);
    }

    public ReportInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.wmdpjunit.core.data;

import java.nio.file.Path;

/**
 * Where one record sits in its file, so that every error about it names the file and the place.
 *
 * @param file  the file the record was read from
 * @param place the record's position, spelled out: {@code row 3 (0-based)} or
 *              {@code line 5 (1-based), row 3 (0-based)}
 */
record RecordLocation(Path file, String place) {

    /** A record of a binary format (Parquet), or of a JSON array, known by its 0-based row. */
    static RecordLocation row(Path file, long row) {
        return new RecordLocation(file, "row " + row + " (0-based)");
    }

    /** A record of a text format, known by the 1-based line it starts on and its 0-based row. */
    static RecordLocation line(Path file, long line, long row) {
        return new RecordLocation(file, "line " + line + " (1-based), row " + row + " (0-based)");
    }

    DatasetException error(String problem) {
        return new DatasetException(file + ": " + place + ": " + problem);
    }

    DatasetException error(String problem, Throwable cause) {
        return new DatasetException(file + ": " + place + ": " + problem, cause);
    }

    DatasetException fieldError(String field, String problem) {
        return error("field '" + field + "' " + problem);
    }
}

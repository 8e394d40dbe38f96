package dev.wmdpjunit.rmu;

import java.nio.file.Path;

/** A cached unlearned model that no longer is what was published: the message names the entry to delete. */
public final class CacheEntryException extends RuntimeException {

    private final Path entry;

    CacheEntryException(Path entry, String problem) {
        this(entry, problem, null);
    }

    CacheEntryException(Path entry, String problem, Throwable cause) {
        super(entry + ": cached unlearned model is damaged: " + problem + "; delete " + entry
                + " and run again to train it anew", cause);
        this.entry = entry;
    }

    /** The entry's directory. */
    public Path entry() {
        return entry;
    }
}

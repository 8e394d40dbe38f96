package dev.wmdpjunit.core.results;

/** Shard files that do not make one run; the message names the files and what differs. */
public class ShardMergeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ShardMergeException(String message) {
        super(message);
    }
}

package dev.wmdpjunit.core.results;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file or directory a result depends on (model weights, a dataset), named by its path and pinned by the
 * SHA-256 of its bytes ({@link dev.wmdpjunit.core.io.Sha256}).
 *
 * @param path   where it was read from, as given by the caller
 * @param sha256 64 lowercase hex digits
 */
public record Artifact(String path, String sha256) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public Artifact {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (path.isBlank()) {
            throw new IllegalArgumentException("artifact path is blank");
        }
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of " + path + " must be 64 lowercase hex digits, got '"
                    + sha256 + "'");
        }
    }
}

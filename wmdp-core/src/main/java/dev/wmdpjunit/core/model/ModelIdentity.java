package dev.wmdpjunit.core.model;

import dev.wmdpjunit.core.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What answered, as the provider that opened it states it: the {@code model} field of a results file, and what
 * baselines compare. A local folder is pinned by the SHA-256 of its files ({@link #folder}); a model whose
 * weights this machine cannot read (a served endpoint) is described instead ({@link #described}: endpoint, served
 * model name, what the server reports, the tokenizer's hash) and says honestly that its weights were not hashed.
 *
 * @param kind          {@value #FOLDER}, {@value #ENDPOINT}, or a future provider's kind (e.g. a hub id)
 * @param path          the reference as given: folder path, endpoint URL
 * @param sha256        with {@code weightsHashed}, the SHA-256 of the weights' bytes ({@link #fingerprint});
 *                      otherwise the SHA-256 of the description ({@link #descriptionSha256}), so two runs compare
 *                      equal exactly when kind, path and details agree
 * @param weightsHashed whether {@code sha256} pins the weights themselves
 * @param details       provider-stated facts, sorted by key (for an endpoint: {@code servedModel},
 *                      {@code tokenizerSha256}, {@code server.*}; for a folder run in the JVM by wmdp-djl:
 *                      {@code weightDtype}, the precision its weights were held in)
 */
public record ModelIdentity(String kind, String path, String sha256, boolean weightsHashed,
                            Map<String, String> details) {

    public static final String FOLDER = "folder";
    public static final String ENDPOINT = "endpoint";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ModelIdentity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        details = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(details, "details")));
        if (kind.isBlank() || path.isBlank()) {
            throw new IllegalArgumentException("model identity needs a kind and a path, got '" + kind + "', '"
                    + path + "'");
        }
        details.forEach((key, value) -> {
            if (key.isBlank() || value.isBlank()) {
                throw new IllegalArgumentException("model identity of " + path + ": detail '" + key + "' = '" + value
                        + "' needs a non-blank key and value (leave out what is unknown)");
            }
        });
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 of " + path + " must be 64 lowercase hex digits, got '"
                    + sha256 + "'");
        }
        if (!weightsHashed && !sha256.equals(descriptionSha256(kind, path, details))) {
            throw new IllegalArgumentException("sha256 of " + path + " (weights not hashed) must be the SHA-256 of"
                    + " its description, " + descriptionSha256(kind, path, details) + ", got " + sha256);
        }
    }

    /** A local checkpoint folder (or file), pinned by {@link #fingerprint}. */
    public static ModelIdentity folder(Path checkpoint) {
        return folder(checkpoint.toString(), fingerprint(checkpoint));
    }

    /** A folder whose fingerprint is already known (for example read from a results file). */
    public static ModelIdentity folder(String path, String sha256) {
        return new ModelIdentity(FOLDER, path, sha256, true, Map.of());
    }

    /**
     * A model whose weights were not hashed, named by what its provider can state about it.
     *
     * @param details for an endpoint, e.g. {@code servedModel}, {@code tokenizerSha256}, {@code server.version}
     */
    public static ModelIdentity described(String kind, String path, Map<String, String> details) {
        return new ModelIdentity(kind, path, descriptionSha256(kind, path, details), false, details);
    }

    /**
     * SHA-256 of a checkpoint's bytes: of the file, or of a directory's regular files (recursively) concatenated
     * in path order, so that results name the exact weights, tokenizer and configuration that answered. The one
     * fingerprint of a model in results and baselines (the RMU cache key is a different thing, see
     * {@code UnlearnedModelCache}).
     */
    public static String fingerprint(Path checkpoint) {
        if (Files.isRegularFile(checkpoint)) {
            return Sha256.ofFile(checkpoint);
        }
        // Follow links: Hugging Face cache snapshots and user folders are often symlinks, and an unfollowed link
        // would hash as an empty folder.
        try (Stream<Path> files = Files.walk(checkpoint, FileVisitOption.FOLLOW_LINKS)) {
            return Sha256.ofFiles(files.filter(Files::isRegularFile).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + checkpoint + " to fingerprint it", e);
        }
    }

    /** SHA-256 of the UTF-8 lines {@code kind}, {@code path}, then {@code key=value} per detail in key order. */
    public static String descriptionSha256(String kind, String path, Map<String, String> details) {
        StringBuilder text = new StringBuilder(kind).append('\n').append(path).append('\n');
        new TreeMap<>(details).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return Sha256.ofBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}

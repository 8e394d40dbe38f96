package dev.wmdpjunit.core.model;

import dev.wmdpjunit.core.hub.HubId;
import dev.wmdpjunit.core.hub.RepoType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A model as the user named it, and where they named it, so that every message about it can say both. The text
 * is a local checkpoint folder, an endpoint URL ({@code http://host:8000/v1}) or a Hugging Face hub id
 * ({@code org/name}, optionally {@code @revision}); which provider opens it is decided by the providers'
 * {@link LanguageModelProvider#claim claims}, not here. {@link #kind()} is the one place that tells kinds apart.
 *
 * @param text   the reference as given, stripped
 * @param origin where it came from, e.g. {@code wmdp.model}, {@code @WmdpSuite(model) on com.acme.MySuite},
 *               {@code wmdp.baseline.model}, {@code @Unlearned(model)}
 */
public record ModelReference(String text, String origin) {

    /** What a reference names. */
    public enum Kind {
        /** A path on this machine (relative paths resolve against the working directory). */
        LOCAL_PATH,
        /** An http or https URL of a model server. */
        ENDPOINT,
        /**
         * A Hugging Face hub id {@code org/name[@revision]} naming no existing local path (an existing path wins, see
         * {@link HubId#named}); resolved to a snapshot folder of the local hub cache.
         */
        HUB_ID
    }

    public ModelReference {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        text = text.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(origin + ": the model reference is blank");
        }
        if (origin.isBlank()) {
            throw new IllegalArgumentException("the origin of model reference '" + text + "' is blank");
        }
    }

    /** A local folder given in code (for example by a {@code ModelPairSource}); its origin says by whom. */
    public static ModelReference of(Path path, String origin) {
        return new ModelReference(path.toString(), origin);
    }

    public Kind kind() {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return Kind.ENDPOINT;
        }
        return hubId().isPresent() ? Kind.HUB_ID : Kind.LOCAL_PATH;
    }

    /** The hub id, for a {@link Kind#HUB_ID} reference. */
    public Optional<HubId> hubId() {
        return HubId.named(text, RepoType.MODEL);
    }

    /** The path, for a {@link Kind#LOCAL_PATH} reference that is a valid path on this system. */
    public Optional<Path> localPath() {
        if (kind() != Kind.LOCAL_PATH) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The local path; an {@link IllegalArgumentException} naming this reference when it is not one. */
    public Path requireLocalPath(String why) {
        return localPath().orElseThrow(() -> new IllegalArgumentException(this + ": " + why
                + ", but this reference is " + describeKind()));
    }

    /** What the reference is, for messages that refuse its kind. */
    String describeKind() {
        return switch (kind()) {
            case ENDPOINT -> "an endpoint URL";
            case HUB_ID -> "a Hugging Face hub id (no local path of that name exists)";
            case LOCAL_PATH -> "not a valid path";
        };
    }

    /** The URI, for an {@link Kind#ENDPOINT} reference that is a valid URI. */
    public Optional<URI> endpoint() {
        if (kind() != Kind.ENDPOINT) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(text));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** {@code <origin> = '<text>'}, the prefix of every message about this reference. */
    @Override
    public String toString() {
        return origin + " = '" + text + "'";
    }
}

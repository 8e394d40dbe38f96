package dev.wmdpjunit.core.hub;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hugging Face hub repository named as its users name it, {@code org/name} with an optional {@code @revision}
 * (a branch, tag or commit; {@code main} when absent).
 *
 * <p>The rule that tells a hub id from a relative path ({@link #named}): text is a hub id when it has the hub's
 * form (two parts of letters, digits, {@code - _ .}, not starting or ending with {@code -} or {@code .}) and no
 * file or folder of that name exists relative to the working directory: an existing local path always wins.
 *
 * @param type     model or dataset
 * @param repo     {@code org/name}
 * @param revision the revision asked for, {@code main} by default
 */
public record HubId(RepoType type, String repo, String revision) {

    public static final String DEFAULT_REVISION = "main";

    private static final String PART = "[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?";
    private static final Pattern FORM = Pattern.compile("(" + PART + "/" + PART + ")(?:@(\\S+))?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public HubId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(revision, "revision");
    }

    /**
     * The hub id the text names, by the rule above: empty for text of another form or for an existing local path.
     */
    public static Optional<HubId> named(String text, RepoType type) {
        Optional<HubId> id = parse(text, type);
        return id.isPresent() && existsLocally(text) ? Optional.empty() : id;
    }

    /** The text as a hub id if it has the form {@code org/name[@revision]}, whether or not a local path exists. */
    public static Optional<HubId> parse(String text, RepoType type) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches() || m.group(1).contains("--") || m.group(1).contains("..")) {
            return Optional.empty();
        }
        return Optional.of(new HubId(type, m.group(1), m.group(2) == null ? DEFAULT_REVISION : m.group(2)));
    }

    private static boolean existsLocally(String text) {
        try {
            return Files.exists(Path.of(text.strip()));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Whether the revision is a full commit hash, which the cache keeps as a snapshot folder without a ref. */
    public boolean revisionIsCommit() {
        return COMMIT.matcher(revision).matches();
    }

    /** The same repo at another revision. */
    public HubId at(String otherRevision) {
        return new HubId(type, repo, otherRevision);
    }

    /** {@code models--org--name} or {@code datasets--org--name}, as huggingface_hub names the cache folder. */
    public String cacheFolderName() {
        return type.folderPrefix() + "--" + repo.replace("/", "--");
    }

    /** {@code org/name@revision} (revision always shown), for messages and identities. */
    @Override
    public String toString() {
        return repo + "@" + revision;
    }
}

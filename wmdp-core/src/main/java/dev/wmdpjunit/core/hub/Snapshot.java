package dev.wmdpjunit.core.hub;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A hub repository resolved to one commit: the cache's {@code snapshots/<commit>/} folder, whose files are
 * symbolic links into {@code blobs/}, readable as any local folder.
 *
 * @param id     the id as asked for (its revision as given)
 * @param commit the commit the revision resolved to
 * @param folder {@code <cache>/<type>s--org--name/snapshots/<commit>}
 */
public record Snapshot(HubId id, String commit, Path folder) {

    public Snapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(folder, "folder");
    }

    /** What results record about it: {@code hub.id}, {@code hub.revision}, {@code hub.commit}, {@code hub.snapshot}. */
    public Map<String, String> details() {
        return Map.of("hub.id", id.repo(), "hub.revision", id.revision(), "hub.commit", commit,
                "hub.snapshot", folder.toString());
    }
}

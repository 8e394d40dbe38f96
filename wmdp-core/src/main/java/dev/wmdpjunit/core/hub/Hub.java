package dev.wmdpjunit.core.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves hub ids to snapshot folders of the local hub cache, downloading the needed files first when the
 * settings allow it ({@link HubSettings}). Offline (the default), only what the cache holds is used: a missing id,
 * revision or file is an error naming the id, the revision, the cache folder searched and how to download it.
 */
public final class Hub {

    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.hub");

    private final HubSettings settings;
    private final HubCache cache;

    public Hub(HubSettings settings) {
        this.settings = settings;
        this.cache = new HubCache(settings.cache());
    }

    public HubSettings settings() {
        return settings;
    }

    /**
     * The snapshot of the id's revision that holds the needed files: from the cache, or (downloads on) after
     * fetching the revision's commit from the hub and downloading the needed files it lacks. With downloads on
     * and the hub unreachable, a cached snapshot that holds the files is used, as huggingface_hub does.
     */
    public Snapshot snapshot(HubId id, FileSelection needed) {
        if (!settings.download()) {
            return cached(id, needed);
        }
        HubClient client = new HubClient(settings, cache);
        HubClient.RepoInfo info;
        try {
            info = client.repoInfo(id);
        } catch (HubClient.Unreachable e) {
            try {
                Snapshot snapshot = cached(id, needed);
                LOGGER.log(System.Logger.Level.WARNING, "{0} is unreachable ({1}); using the cached snapshot {2}",
                        settings.endpoint(), e.getMessage(), snapshot.folder());
                return snapshot;
            } catch (HubException notCached) {
                throw new HubException(e.getMessage() + "; and the cache cannot stand in: " + notCached.getMessage(),
                        e);
            }
        }
        List<String> files = needed.select(info.files());
        if (files.isEmpty()) {
            throw new HubException(describe(id) + " resolved to commit " + info.commit() + " on "
                    + settings.endpoint() + ", which holds no " + needed.description() + "; its files: "
                    + abbreviated(info.files()));
        }
        HubId pinned = id.at(info.commit());
        try {
            for (String file : files) {
                if (!Files.isRegularFile(cache.snapshotFolder(id, info.commit()).resolve(file))) {
                    client.download(pinned, file);
                }
            }
            cache.writeRef(id, info.commit());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into the hub cache " + cache.repoFolder(id), e);
        }
        return new Snapshot(id, info.commit(), cache.snapshotFolder(id, info.commit()));
    }

    /** The cached snapshot of the id's revision, which must hold the needed files. */
    private Snapshot cached(HubId id, FileSelection needed) {
        Path repo = cache.repoFolder(id);
        Optional<String> commit = cache.commit(id);
        if (commit.isEmpty()) {
            String missing = !Files.isDirectory(repo) ? "the hub cache has no " + repo.getFileName() + " (searched "
                    + settings.cache() + ")"
                    : id.revisionIsCommit() ? "the hub cache has no snapshot " + cache.snapshotFolder(id, id.revision())
                    : "the hub cache has no revision '" + id.revision() + "' of it (no " + cache.ref(id) + ")";
            throw new HubException(describe(id) + ": " + missing + "; " + settings.howToDownload());
        }
        Path folder = cache.snapshotFolder(id, commit.get());
        if (needed.select(HubCache.files(folder)).isEmpty()) {
            throw new HubException(describe(id) + ": the cached snapshot " + folder + " (revision '" + id.revision()
                    + "' = commit " + commit.get() + ") holds no " + needed.description() + "; "
                    + settings.howToDownload());
        }
        return new Snapshot(id, commit.get(), folder);
    }

    static String describe(HubId id) {
        return "hub " + id.type().word() + " " + id.repo() + " at revision '" + id.revision() + "'";
    }

    private static String abbreviated(List<String> unsorted) {
        List<String> files = unsorted.stream().sorted().toList();
        return files.size() <= 20 ? String.join(", ", files)
                : String.join(", ", files.subList(0, 20)) + ", ... (" + files.size() + " files)";
    }
}

package dev.wmdpjunit.core.hub;

import dev.wmdpjunit.core.io.AtomicFiles;
import dev.wmdpjunit.core.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The hub cache folder as huggingface_hub lays it out ({@code file_download.py}), read and written the same way so
 * that files Python tools downloaded are used as they are, and what is downloaded here Python uses:
 * <pre>
 * &lt;cache&gt;/models--org--name/            (datasets--org--name for datasets)
 *     refs/&lt;revision&gt;                  the commit hash a branch or tag points at (no newline)
 *     blobs/&lt;etag&gt;                     file contents, named by the sha256 (LFS) or git blob sha1
 *     snapshots/&lt;commit&gt;/&lt;file&gt;      relative symbolic links ../../blobs/&lt;etag&gt;
 * </pre>
 */
public final class HubCache {

    private final Path root;

    public HubCache(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path repoFolder(HubId id) {
        return root.resolve(id.cacheFolderName());
    }

    Path snapshotFolder(HubId id, String commit) {
        return repoFolder(id).resolve("snapshots").resolve(commit);
    }

    Path blob(HubId id, String etag) {
        return repoFolder(id).resolve("blobs").resolve(etag);
    }

    /** huggingface_hub's lock file for a blob: {@code <cache>/.locks/<repo folder>/<etag>.lock}. */
    Path lock(HubId id, String etag) {
        return root.resolve(".locks").resolve(id.cacheFolderName()).resolve(etag + ".lock");
    }

    Path ref(HubId id) {
        return repoFolder(id).resolve("refs").resolve(id.revision());
    }

    /** The commit the id's revision points at in the cache: a commit hash as is, else {@code refs/<revision>}. */
    Optional<String> commit(HubId id) {
        if (id.revisionIsCommit()) {
            return Files.isDirectory(snapshotFolder(id, id.revision())) ? Optional.of(id.revision())
                    : Optional.empty();
        }
        Path ref = ref(id);
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(ref, StandardCharsets.UTF_8).strip()).filter(c -> !c.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ref, e);
        }
    }

    /** The files of a snapshot whose links resolve (a dangling link is a file that is not there), {@code /}-separated. */
    static List<String> files(Path snapshot) {
        if (!Files.isDirectory(snapshot)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(snapshot)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> snapshot.relativize(file).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + snapshot, e);
        }
    }

    /**
     * Stores a local file as the given file of a commit, as huggingface_hub would have downloaded it: its bytes
     * as {@code blobs/<sha256>}, linked from {@code snapshots/<commit>/<file>}. For preparing caches (tests, mirrors).
     */
    public void put(HubId id, String commit, String file, Path content) throws IOException {
        Path blob = blob(id, Sha256.ofFile(content));
        if (!Files.isRegularFile(blob)) {
            Files.createDirectories(blob.getParent());
            Path tmp = Files.createTempFile(blob.getParent(), blob.getFileName().toString(), ".incomplete");
            Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.moveIntoPlace(tmp, blob);
        }
        link(id, commit, file, blob);
    }

    /** Points {@code refs/<revision>} at the commit, atomically; nothing for a revision that is a commit. */
    public void writeRef(HubId id, String commit) throws IOException {
        if (id.revisionIsCommit() || commit.equals(commit(id).orElse(""))) {
            return;
        }
        AtomicFiles.write(ref(id), out -> out.write(commit.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Makes {@code snapshots/<commit>/<file>} a relative symbolic link to the blob, replacing what was there
     * atomically; where the file system has no symbolic links, a copy (as huggingface_hub does).
     */
    void link(HubId id, String commit, String file, Path blob) throws IOException {
        Path target = snapshotFolder(id, commit).resolve(file);
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            try {
                Files.createSymbolicLink(tmp, dir.relativize(blob));
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

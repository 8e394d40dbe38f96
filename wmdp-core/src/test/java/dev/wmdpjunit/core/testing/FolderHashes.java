package dev.wmdpjunit.core.testing;

import dev.wmdpjunit.core.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** SHA-256 of each file directly in a folder, by file name: tests check that a user's checkpoint stays untouched. */
public final class FolderHashes {

    private FolderHashes() {
    }

    public static Map<String, String> of(Path folder) {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(file -> hashes.put(file.getFileName().toString(), Sha256.ofFile(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return hashes;
    }
}

package dev.wmdpjunit.djl.safetensors;

import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.testing.SharedFolder;
import dev.wmdpjunit.djl.checkpoint.CheckpointDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The read-only shared fixtures, found through the system properties the parent pom's Surefire sets. Any of them
 * may be a symbolic link (a checkout whose {@code ../shared} links to a copy elsewhere): directories are given as
 * real paths and walked following links.
 */
public final class FixtureDirs {

    private FixtureDirs() {
    }

    public static Path shared() {
        return realDirectory(SharedFolder.root(), "wmdp.shared.dir");
    }

    public static Path golden() {
        return realDirectory(SharedFolder.golden(), "wmdp.golden.dir");
    }

    public static Path stories260K() {
        return shared().resolve("models/stories260K");
    }

    /** Every {@code *.safetensors} file under the golden directory and the shared models. */
    public static List<Path> allSafetensorsFiles() {
        try (Stream<Path> golden = walk(golden()); Stream<Path> models = walk(shared().resolve("models"))) {
            return Stream.concat(golden, models)
                    .filter(p -> p.getFileName().toString().endsWith(".safetensors"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every directory under {@code root} that holds a single-file checkpoint ({@code model.safetensors}). */
    public static List<Path> checkpointDirs(Path root) {
        try (Stream<Path> files = walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals(CheckpointDirectory.SINGLE_FILE))
                    .map(Path::getParent).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of every file under a directory, to prove tests left it untouched. */
    public static Map<Path, String> hashes(Path directory) {
        try (Stream<Path> files = walk(directory)) {
            Map<Path, String> hashes = new TreeMap<>();
            files.filter(Files::isRegularFile).forEach(f -> hashes.put(f, Sha256.ofFile(f)));
            return hashes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> walk(Path root) throws IOException {
        return Files.walk(root, FileVisitOption.FOLLOW_LINKS);
    }

    /** The directory's real path: a walk started at a symbolic link would otherwise see the link alone. */
    static Path realDirectory(Path dir, String property) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("fixture directory " + dir.toAbsolutePath() + " (" + property + ") is missing");
        }
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

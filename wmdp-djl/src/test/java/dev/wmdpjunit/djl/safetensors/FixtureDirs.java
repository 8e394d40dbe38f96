package dev.wmdpjunit.djl.safetensors;

import dev.wmdpjunit.core.io.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The read-only shared fixtures, found through the system properties the parent pom's Surefire sets. */
public final class FixtureDirs {

    private FixtureDirs() {
    }

    public static Path shared() {
        return fromProperty("wmdp.shared.dir", Path.of("../../shared"));
    }

    public static Path golden() {
        return fromProperty("wmdp.golden.dir", shared().resolve("golden"));
    }

    public static Path stories260K() {
        return shared().resolve("models/stories260K");
    }

    /** Every {@code *.safetensors} file under the golden directory and the shared models. */
    public static List<Path> allSafetensorsFiles() {
        try (Stream<Path> golden = Files.walk(golden()); Stream<Path> models = Files.walk(shared().resolve("models"))) {
            return Stream.concat(golden, models)
                    .filter(p -> p.getFileName().toString().endsWith(".safetensors"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of every file under a directory, to prove tests left it untouched. */
    public static Map<Path, String> hashes(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            Map<Path, String> hashes = new TreeMap<>();
            files.filter(Files::isRegularFile).forEach(f -> hashes.put(f, Sha256.ofFile(f)));
            return hashes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path fromProperty(String property, Path fallback) {
        String value = System.getProperty(property);
        Path dir = value == null ? fallback : Path.of(value);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("fixture directory " + dir.toAbsolutePath() + " (" + property + ") is missing");
        }
        return dir.toAbsolutePath().normalize();
    }
}

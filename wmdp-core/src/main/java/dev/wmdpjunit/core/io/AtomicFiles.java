package dev.wmdpjunit.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files so that readers see either the old file or the complete new one, never a half-written one:
 * content goes to a temporary file in the same directory, which is then moved into place.
 *
 * <p>The temporary files and directories are created as ordinary ones are, so the outputs get the permissions the
 * process umask gives (typically world-readable: CI artifacts are read by other users). {@link Files#createTempFile}
 * and {@link Files#createTempDirectory} would make them private to the owner (0600 / 0700) for good, since the
 * move keeps them.
 */
public final class AtomicFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        while (true) {
            Path tmp = dir.resolve(temporaryName(target, ".tmp"));
            OutputStream out;
            try {
                // CREATE_NEW: never follows a link or reuses a file someone else put there.
                out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            try {
                try (out) {
                    content.writeTo(out);
                }
                moveIntoPlace(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return;
        }
    }

    /**
     * A new empty directory next to {@code target} under a hidden temporary name, to be filled and then moved onto
     * {@code target} with {@link #moveIntoPlace}.
     */
    public static Path stagingDirectory(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        while (true) {
            try {
                return Files.createDirectory(parent.resolve(temporaryName(target, "")));
            } catch (FileAlreadyExistsException e) {
                // taken: draw another name
            }
        }
    }

    /** Moves a finished temporary file or directory onto {@code target}, atomically where the file system allows. */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String temporaryName(Path target, String suffix) {
        return "." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong()) + suffix;
    }
}

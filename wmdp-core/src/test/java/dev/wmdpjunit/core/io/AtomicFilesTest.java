package dev.wmdpjunit.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomically written outputs get the permissions an ordinary creation gets under the process umask. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    @Test
    void aWrittenFileHasTheUmasksPermissions() throws Exception {
        Set<PosixFilePermission> ordinary = Files.getPosixFilePermissions(Files.createFile(dir.resolve("ordinary")));
        assumeTrue(!ordinary.equals(PosixFilePermissions.fromString("rw-------")), "a umask that is not 077");

        Path target = dir.resolve("results.json");
        AtomicFiles.write(target, out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(Files.readString(target)).isEqualTo("{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo(PosixFilePermissions.toString(ordinary));
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactlyInAnyOrder(dir.resolve("ordinary"), target);
        }
    }

    @Test
    void aStagedDirectoryHasTheUmasksPermissions() throws Exception {
        Set<PosixFilePermission> ordinary = Files.getPosixFilePermissions(
                Files.createDirectory(dir.resolve("ordinary")));
        assumeTrue(!ordinary.equals(PosixFilePermissions.fromString("rwx------")), "a umask that is not 077");

        Path target = dir.resolve("model");
        Path staging = AtomicFiles.stagingDirectory(target);
        Files.writeString(staging.resolve("config.json"), "{}");
        AtomicFiles.moveIntoPlace(staging, target);

        assertThat(staging.getParent()).isEqualTo(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo(PosixFilePermissions.toString(ordinary));
        assertThat(target.resolve("config.json")).hasContent("{}");
    }
}

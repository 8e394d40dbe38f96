package dev.wmdpjunit.djl.safetensors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A checkout whose {@code ../shared} is a symbolic link finds and walks the fixtures as a real folder would. */
class FixtureDirsTest {

    @TempDir
    Path dir;

    @Test
    void aSymlinkedSharedFolderIsResolvedToItsRealPath() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("shared"), FixtureDirs.shared());

        assertThat(FixtureDirs.realDirectory(link, "wmdp.shared.dir")).isEqualTo(FixtureDirs.shared());
    }

    @Test
    void walksFollowASymlinkedFolder() throws IOException {
        Path real = FixtureDirs.shared();
        Path link = Files.createSymbolicLink(dir.resolve("shared"), real);

        List<Path> realCheckpoints = FixtureDirs.checkpointDirs(real);
        assertThat(realCheckpoints).hasSizeGreaterThanOrEqualTo(8);
        assertThat(FixtureDirs.checkpointDirs(link))
                .containsExactlyElementsOf(realCheckpoints.stream().map(p -> link.resolve(real.relativize(p))).toList());

        Map<Path, String> realHashes = FixtureDirs.hashes(real);
        assertThat(realHashes).isNotEmpty();
        assertThat(FixtureDirs.hashes(link).values()).containsExactlyElementsOf(realHashes.values());
    }
}

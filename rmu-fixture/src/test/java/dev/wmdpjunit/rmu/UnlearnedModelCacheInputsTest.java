package dev.wmdpjunit.rmu;

import dev.wmdpjunit.djl.checkpoint.CheckpointDirectory;
import dev.wmdpjunit.djl.checkpoint.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The cache key hashes the base model's files, so a shard index is checked with the loader's rule before any file
 * it names is read: a {@code weight_map} naming {@code /dev/zero} would hash forever, {@code /etc/passwd} would be
 * read although the loader refuses it.
 */
class UnlearnedModelCacheInputsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"/dev/zero", "/etc/passwd", "../outside.safetensors", "sub/model.safetensors"})
    void aShardIndexNamingAPathOutsideTheCheckpointIsRefusedBeforeReadingIt(String shard) throws IOException {
        Path base = baseWithIndex(shard);
        Files.writeString(dir.resolve("outside.safetensors"), "not read");

        Path index = base.resolve(CheckpointDirectory.SHARD_INDEX);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                assertThatThrownBy(() -> new UnlearnedModelCache(dir.resolve("cache")).key(request(base)))
                        .isInstanceOf(CheckpointException.class)
                        .hasMessageStartingWith(index.toString())
                        .hasMessageContaining(shard)
                        .hasMessageContaining("not a file name in the index's directory"));
    }

    @Test
    void aShardThatIsNotARegularFileIsRefusedBeforeReadingIt() throws IOException {
        Path base = baseWithIndex("model-00001-of-00001.safetensors");
        Path link = Files.createSymbolicLink(base.resolve("model-00001-of-00001.safetensors"), Path.of("/dev/zero"));

        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                assertThatThrownBy(() -> new UnlearnedModelCache(dir.resolve("cache")).key(request(base)))
                        .isInstanceOf(CheckpointException.class)
                        .hasMessageStartingWith(base.resolve(CheckpointDirectory.SHARD_INDEX).toString())
                        .hasMessageEndingWith(link + " is not a regular file"));
    }

    private Path baseWithIndex(String shard) throws IOException {
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.writeString(base.resolve(CheckpointDirectory.SHARD_INDEX),
                "{\"metadata\": {}, \"weight_map\": {\"lm_head.weight\": \"" + shard + "\"}}");
        Files.writeString(base.resolve("config.json"), "{}");
        return base;
    }

    private UnlearningRequest request(Path base) throws IOException {
        Path forget = Files.writeString(dir.resolve("forget.txt"), "a forget line\n");
        Path retain = Files.writeString(dir.resolve("retain.txt"), "a retain line\n");
        return new UnlearningRequest(base, List.of(CorpusSource.of(forget)), List.of(CorpusSource.of(retain)),
                RmuHyperparameters.builder().topics(List.of(6.5), List.of(100.0)).build());
    }
}

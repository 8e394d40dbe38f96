package dev.wmdpjunit.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIdentityTest {

    @Test
    void aCheckpointBehindSymlinksHasTheFingerprintOfItsFiles(@TempDir Path temp) throws IOException {
        Path blobs = Files.createDirectories(temp.resolve("blobs"));
        Files.writeString(blobs.resolve("a"), "{\"model_type\": \"llama\"}");
        Files.writeString(blobs.resolve("b"), "weights");
        Path real = Files.createDirectories(temp.resolve("real"));
        Files.copy(blobs.resolve("a"), real.resolve("config.json"));
        Files.copy(blobs.resolve("b"), real.resolve("model.safetensors"));
        // As the Hugging Face cache lays out a snapshot: a folder of links into blobs/, reached through a link.
        Path snapshot = Files.createDirectories(temp.resolve("snapshot"));
        Files.createSymbolicLink(snapshot.resolve("config.json"), blobs.resolve("a"));
        Files.createSymbolicLink(snapshot.resolve("model.safetensors"), blobs.resolve("b"));
        Path linkedFolder = Files.createSymbolicLink(temp.resolve("linked"), snapshot);

        String expected = ModelIdentity.fingerprint(real);
        assertThat(ModelIdentity.fingerprint(snapshot)).isEqualTo(expected);
        assertThat(ModelIdentity.fingerprint(linkedFolder)).isEqualTo(expected);
        assertThat(expected).isNotEqualTo(ModelIdentity.fingerprint(Files.createDirectories(temp.resolve("empty"))));
    }
}

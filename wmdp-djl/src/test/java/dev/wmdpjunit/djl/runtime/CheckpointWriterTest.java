package dev.wmdpjunit.djl.runtime;

import dev.wmdpjunit.core.testing.FolderHashes;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.wmdpjunit.djl.checkpoint.CheckpointException;
import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.safetensors.SafetensorsFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointWriterTest {

    private static final Path SOURCE = SharedFolders.stories260k();
    /** "Once upon a time, there was a little dog named" with BOS, from golden.json. */
    private static final long[] PROMPT = {1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 400, 428, 395};

    @TempDir
    Path temp;

    private NDManager manager;

    @BeforeEach
    void createManager() {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private NDArray logits(CausalLm model) {
        return model.logits(manager.create(PROMPT).expandDims(0), null);
    }


    @Test
    void savedCheckpointReloadsToIdenticalLogitsAndLeavesTheSourceAlone() throws IOException {
        Map<String, String> sourceBefore = FolderHashes.of(SOURCE);
        Path target = temp.resolve("saved");

        try (CausalLm model = CausalLm.load(SOURCE)) {
            CheckpointWriter.float32().save(model, SOURCE, target);
            try (CausalLm reloaded = CausalLm.load(target)) {
                assertThat(logits(reloaded).contentEquals(logits(model))).isTrue();
            }
        }

        assertThat(FolderHashes.of(SOURCE)).isEqualTo(sourceBefore);
        Map<String, String> saved = FolderHashes.of(target);
        assertThat(saved.keySet()).containsExactlyInAnyOrder("model.safetensors", "config.json",
                "generation_config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json");
        // Unchanged float32 weights are written exactly as save_pretrained wrote the source file.
        saved.forEach((file, hash) -> assertThat(hash).as(file).isEqualTo(sourceBefore.get(file)));
        try (Stream<Path> siblings = Files.list(temp)) {
            assertThat(siblings).as("no staging directory left behind").containsExactly(target);
        }
    }

    @Test
    void editedWeightsAreWhatIsSaved() throws IOException {
        Path target = temp.resolve("edited");
        String edited = "model.layers.2.mlp.down_proj.weight";
        try (CausalLm model = CausalLm.load(SOURCE)) {
            NDArray before = logits(model);
            model.parameters().get(edited).muli(0.5f);
            NDArray after = logits(model);
            assertThat(after.contentEquals(before)).isFalse();

            CheckpointWriter.float32().save(model, SOURCE, target);

            try (CausalLm reloaded = CausalLm.load(target);
                 TensorSource written = SafetensorsFile.open(target.resolve("model.safetensors"));
                 TensorSource original = SafetensorsFile.open(SOURCE.resolve("model.safetensors"))) {
                assertThat(written.names()).containsExactlyInAnyOrderElementsOf(original.names());
                assertThat(reloaded.parameters().get(edited).contentEquals(model.parameters().get(edited))).isTrue();
                assertThat(logits(reloaded).contentEquals(after)).isTrue();
            }
        }
    }

    @Test
    void refusesAnExistingTargetAndATargetInsideTheSource() throws IOException {
        Path existing = Files.createDirectories(temp.resolve("existing"));
        Path copy = Files.createDirectories(temp.resolve("copy"));
        for (String file : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(SOURCE.resolve(file), copy.resolve(file));
        }
        try (CausalLm model = CausalLm.load(copy)) {
            assertThatThrownBy(() -> CheckpointWriter.float32().save(model, copy, existing))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining("already exists");
            assertThatThrownBy(() -> CheckpointWriter.float32().save(model, copy, copy.resolve("inner")))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining("inside the source directory");
        }
        try (Stream<Path> files = Files.list(copy)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("config.json",
                    "model.safetensors");
        }
    }

    @Test
    void refusesAConfigOfAnotherModel() {
        try (CausalLm model = CausalLm.load(SOURCE)) {
            assertThatThrownBy(() -> CheckpointWriter.float32().save(model, SharedFolders.goldenLlama(),
                    temp.resolve("mixed")))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining("describes a different model");
        }
        assertThat(temp.resolve("mixed")).doesNotExist();
    }
}

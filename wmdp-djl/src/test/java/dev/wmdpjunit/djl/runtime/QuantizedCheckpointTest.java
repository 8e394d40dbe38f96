package dev.wmdpjunit.djl.runtime;

import dev.wmdpjunit.core.testing.FolderHashes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.model.WeightQuantization;
import dev.wmdpjunit.djl.checkpoint.CheckpointException;
import dev.wmdpjunit.djl.safetensors.SafetensorsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quantized copy of the real stories260K checkpoint: rounded as the scheme says, the source untouched. */
class QuantizedCheckpointTest {

    private static final Path SOURCE = SharedFolders.stories260k();

    @TempDir
    Path temp;


    @Test
    void decoderMatricesAreRoundedPerOutputChannelAndEverythingElseIsKept() throws IOException {
        Map<String, String> before = FolderHashes.of(SOURCE);
        Path int4 = temp.resolve("int4");
        WeightQuantization quantization = new WeightQuantization(4);

        try (DjlLanguageModel model = DjlLanguageModel.open(SOURCE, new ModelOptions(4, 0))) {
            model.writeQuantizedCopy(quantization, int4);
        }

        assertThat(FolderHashes.of(SOURCE)).isEqualTo(before);
        try (SafetensorsFile original = SafetensorsFile.open(SOURCE.resolve("model.safetensors"));
             SafetensorsFile copy = SafetensorsFile.open(int4.resolve("model.safetensors"));
             NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            assertThat(copy.names()).isEqualTo(original.names());
            int rounded = 0;
            for (String name : original.names()) {
                NDArray w = original.load(name, manager, DataType.FLOAT32);
                NDArray q = copy.load(name, manager, DataType.FLOAT32);
                if (!QuantizedCheckpoint.rounds(name, original.shape(name), original.dataType(name))) {
                    assertThat(q.contentEquals(w)).as(name + " unchanged").isTrue();
                    continue;
                }
                rounded++;
                assertThat(name).doesNotContain("embed_tokens", "lm_head");
                NDArray scale = w.abs().max(new int[] {1}, true).div(7);
                NDArray levels = q.div(scale.add(scale.eq(0).toType(DataType.FLOAT32, false)));
                // Every value is an integer level in [-7, 7] times its row's scale, within half a step of w.
                assertThat(levels.sub(levels.round()).abs().max().getFloat()).as(name).isLessThan(1e-3f);
                assertThat(levels.abs().max().getFloat()).as(name).isLessThanOrEqualTo(7.001f);
                assertThat(q.sub(w).abs().sub(scale.div(2)).max().getFloat()).as(name).isLessThan(1e-6f);
                assertThat(q.contentEquals(w)).as(name + " changed").isFalse();
            }
            assertThat(rounded).as("attention and MLP matrices of every layer").isEqualTo(5 * 7);
        }
        assertThat(FolderHashes.of(int4).keySet()).contains("config.json", "tokenizer.json", "model.safetensors");
    }

    @Test
    void theCopyOpensAndInt8StaysCloserToTheOriginalThanInt4() throws IOException {
        Path int8 = temp.resolve("int8");
        Path int4 = temp.resolve("int4");
        try (DjlLanguageModel model = DjlLanguageModel.open(SOURCE, new ModelOptions(4, 0))) {
            model.writeQuantizedCopy(new WeightQuantization(8), int8);
            model.writeQuantizedCopy(new WeightQuantization(4), int4);
            assertThatThrownBy(() -> model.writeQuantizedCopy(new WeightQuantization(8), int8))
                    .isInstanceOf(CheckpointException.class).hasMessageContaining("already exists");
        }
        try (SafetensorsFile original = SafetensorsFile.open(SOURCE.resolve("model.safetensors"));
             SafetensorsFile eight = SafetensorsFile.open(int8.resolve("model.safetensors"));
             SafetensorsFile four = SafetensorsFile.open(int4.resolve("model.safetensors"));
             NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            String name = "model.layers.0.mlp.down_proj.weight";
            NDArray w = original.load(name, manager, DataType.FLOAT32);
            float error8 = eight.load(name, manager, DataType.FLOAT32).sub(w).abs().mean().getFloat();
            float error4 = four.load(name, manager, DataType.FLOAT32).sub(w).abs().mean().getFloat();
            assertThat(error8).isPositive().isLessThan(error4 / 8);
        }
        try (DjlLanguageModel reopened = DjlLanguageModel.open(int4, new ModelOptions(4, 0))) {
            assertThat(reopened.maxLength()).isPositive();
        }
    }
}

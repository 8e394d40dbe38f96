package dev.wmdpjunit.djl.checkpoint;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.djl.safetensors.FixtureDirs;
import dev.wmdpjunit.djl.safetensors.SafetensorsDtype;
import dev.wmdpjunit.djl.safetensors.SafetensorsFile;
import dev.wmdpjunit.djl.safetensors.SafetensorsWriter;
import dev.wmdpjunit.djl.safetensors.ShardedSafetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointDirectoryTest {

    private static final String SHARD_1 = "model-00001-of-00002.safetensors";
    private static final String SHARD_2 = "model-00002-of-00002.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Path llama = FixtureDirs.golden().resolve("llama");

    @Test
    void opensASingleFile() {
        try (TensorSource source = CheckpointDirectory.open(llama)) {
            assertThat(source).isInstanceOf(SafetensorsFile.class);
            assertThat(source.names()).hasSize(39).contains("lm_head.weight", "model.norm.weight");
            assertThat(source.describe("lm_head.weight"))
                    .isEqualTo(llama.resolve("model.safetensors") + ": lm_head.weight");
        }
    }

    @Test
    void aShardedCopyGivesIdenticalTensors() throws IOException {
        Map<String, String> weightMap = writeShards(dir);
        writeIndex(dir, weightMap);
        try (TensorSource original = CheckpointDirectory.open(llama);
             TensorSource sharded = CheckpointDirectory.open(dir);
             NDManager manager = NDManager.newBaseManager()) {
            assertThat(sharded).isInstanceOf(ShardedSafetensors.class);
            assertThat(((ShardedSafetensors) sharded).shardFiles())
                    .containsExactlyInAnyOrder(dir.resolve(SHARD_1), dir.resolve(SHARD_2));
            assertThat(sharded.names()).isEqualTo(original.names());
            for (String name : original.names()) {
                assertThat(sharded.shape(name)).isEqualTo(original.shape(name));
                assertThat(sharded.dataType(name)).isEqualTo(DataType.FLOAT32);
                assertThat(sharded.load(name, manager, DataType.FLOAT32).toByteArray()).as(name)
                        .isEqualTo(original.load(name, manager, DataType.FLOAT32).toByteArray());
                assertThat(sharded.describe(name)).isEqualTo(dir.resolve(weightMap.get(name)) + ": " + name);
            }
            assertThatThrownBy(() -> sharded.shape("nope"))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining(dir.resolve(CheckpointDirectory.SHARD_INDEX) + ": tensor 'nope'");
        }
    }

    @Test
    void refusesAnIndexNamingAMissingShard() throws IOException {
        Map<String, String> weightMap = writeShards(dir);
        weightMap.put("model.norm.weight", "model-00003-of-00003.safetensors");
        writeIndex(dir, weightMap);
        assertThatThrownBy(() -> CheckpointDirectory.open(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(dir.resolve(CheckpointDirectory.SHARD_INDEX).toString())
                .hasMessageContaining("tensor 'model.norm.weight' to shard 'model-00003-of-00003.safetensors'")
                .hasMessageContaining(dir.resolve("model-00003-of-00003.safetensors") + " does not exist");
    }

    @Test
    void refusesAShardHoldingATensorTheIndexDoesNotList() throws IOException {
        Map<String, String> weightMap = writeShards(dir);
        String shard = weightMap.remove("model.norm.weight");
        writeIndex(dir, weightMap);
        assertThatThrownBy(() -> CheckpointDirectory.open(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(dir.resolve(shard).toString())
                .hasMessageContaining("tensor 'model.norm.weight' is in this shard")
                .hasMessageContaining("does not list it");
    }

    @Test
    void refusesAnIndexMappingATensorToTheWrongShard() throws IOException {
        Map<String, String> weightMap = writeShards(dir);
        String actualShard = weightMap.get("lm_head.weight");
        weightMap.put("lm_head.weight", actualShard.equals(SHARD_1) ? SHARD_2 : SHARD_1);
        writeIndex(dir, weightMap);
        assertThatThrownBy(() -> CheckpointDirectory.open(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("tensor 'lm_head.weight'")
                .hasMessageContaining("which does not hold it");
    }

    @Test
    void refusesShardNamesOutsideTheDirectory() throws IOException {
        Map<String, String> weightMap = writeShards(dir);
        weightMap.put("model.norm.weight", "../" + SHARD_1);
        writeIndex(dir, weightMap);
        assertThatThrownBy(() -> CheckpointDirectory.open(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("maps tensor 'model.norm.weight' to \"../" + SHARD_1 + "\", which is not a file name");
    }

    @Test
    void refusesAMalformedIndex() throws IOException {
        Path index = dir.resolve(CheckpointDirectory.SHARD_INDEX);
        Files.writeString(index, "{\"weight_map\": {\"a\": \"x.safetensors\",");
        assertThatThrownBy(() -> CheckpointDirectory.open(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(index + ": cannot read the shard index");
        Files.writeString(index, "{\"metadata\": {}}");
        assertThatThrownBy(() -> CheckpointDirectory.open(dir))
                .hasMessage(index + ": the shard index has no \"weight_map\" object");
        Files.writeString(index, "{\"weight_map\": {}}");
        assertThatThrownBy(() -> CheckpointDirectory.open(dir))
                .hasMessage(index + ": the shard index's \"weight_map\" names no tensor");
        Files.writeString(index, "{\"weight_map\": {\"a\": \"x.safetensors\", \"a\": \"y.safetensors\"}}");
        assertThatThrownBy(() -> CheckpointDirectory.open(dir))
                .hasMessageContaining("Duplicate").hasMessageContaining("'a'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pytorch_model.bin", "model.pt", "weights.pth", "last.ckpt", "pytorch_model.bin.index.json"})
    void refusesPickles(String pickle) throws IOException {
        // Bytes of a pickle protocol header: they are never opened, so their content does not matter.
        Files.write(dir.resolve(pickle), new byte[]{(byte) 0x80, 0x02, 'c', 'o', 's', '\n'});
        Files.writeString(dir.resolve("config.json"), "{}");
        assertThatThrownBy(() -> CheckpointDirectory.open(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith(dir + " holds PyTorch pickle weights [" + pickle + "]")
                .hasMessageContaining("never deserializes pickles")
                .hasMessageContaining("save_pretrained(out_dir, safe_serialization=True)")
                .hasMessageContaining("safetensors.torch.save_file(");
    }

    @Test
    void prefersSafetensorsOverPickles() throws IOException {
        try (SafetensorsFile source = SafetensorsFile.open(llama.resolve("model.safetensors"))) {
            new SafetensorsWriter(SafetensorsDtype.F32).addAll(source).write(dir.resolve(CheckpointDirectory.SINGLE_FILE));
        }
        Files.write(dir.resolve("pytorch_model.bin"), new byte[]{(byte) 0x80, 0x02});
        try (TensorSource source = CheckpointDirectory.open(dir)) {
            assertThat(source.names()).contains("lm_head.weight");
        }
    }

    @Test
    void explainsWhatItExpectedInAnEmptyOrUnrelatedDirectory() throws IOException {
        assertThatThrownBy(() -> CheckpointDirectory.open(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessage(dir + " holds no model weights: expected model.safetensors, or model.safetensors.index.json"
                        + " with the shards it names; found an empty directory");
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.writeString(dir.resolve("adapter_model.safetensors"), "");
        assertThatThrownBy(() -> CheckpointDirectory.open(dir))
                .hasMessageEndingWith("found [adapter_model.safetensors, config.json]");
        Path file = dir.resolve("config.json");
        assertThatThrownBy(() -> CheckpointDirectory.open(file))
                .hasMessageStartingWith(file + ": not a directory");
    }

    /** Reading checkpoints and writing converted copies never changes a byte of the shared fixtures. */
    @Test
    void leavesTheSharedFilesUntouched() throws IOException {
        Map<Path, String> before = FixtureDirs.hashes(FixtureDirs.shared());
        List<Path> modelDirs = FixtureDirs.checkpointDirs(FixtureDirs.shared());
        assertThat(modelDirs).hasSizeGreaterThanOrEqualTo(8);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Path modelDir : modelDirs) {
                try (TensorSource source = CheckpointDirectory.open(modelDir); NDManager step = manager.newSubManager()) {
                    for (String name : source.names()) {
                        source.load(name, step, DataType.FLOAT32).subi(1f);
                    }
                    new SafetensorsWriter(SafetensorsDtype.BF16).addAll(source).write(dir.resolve("copy.safetensors"));
                }
            }
        }
        assertThat(FixtureDirs.hashes(FixtureDirs.shared())).isEqualTo(before);
    }

    /** Writes llama's tensors into two shards, alternating by name; returns the weight map. */
    private Map<String, String> writeShards(Path target) throws IOException {
        Map<String, String> weightMap = new TreeMap<>();
        try (SafetensorsFile source = SafetensorsFile.open(llama.resolve("model.safetensors"))) {
            SafetensorsWriter first = new SafetensorsWriter(SafetensorsDtype.F32);
            SafetensorsWriter second = new SafetensorsWriter(SafetensorsDtype.F32);
            List<String> names = new ArrayList<>(source.names());
            for (int i = 0; i < names.size(); i++) {
                boolean inFirst = i % 2 == 0;
                (inFirst ? first : second).add(names.get(i), source);
                weightMap.put(names.get(i), inFirst ? SHARD_1 : SHARD_2);
            }
            first.write(target.resolve(SHARD_1));
            second.write(target.resolve(SHARD_2));
        }
        return weightMap;
    }

    private static void writeIndex(Path target, Map<String, String> weightMap) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", 854_272);
        ObjectNode map = index.putObject("weight_map");
        weightMap.forEach(map::put);
        JSON.writeValue(target.resolve(CheckpointDirectory.SHARD_INDEX).toFile(), index);
    }
}

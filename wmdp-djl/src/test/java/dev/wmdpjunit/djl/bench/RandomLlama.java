package dev.wmdpjunit.djl.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.djl.safetensors.SafetensorsDtype;
import dev.wmdpjunit.djl.safetensors.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a randomly initialised Llama (config.json + model.safetensors, normal(0, 0.02) weights, unit norms) with the
 * project's safetensors writer, for benchmarks that need a model of realistic width but no trained weights.
 *
 * @param hidden       hidden_size
 * @param layers       num_hidden_layers
 * @param heads        num_attention_heads (= num_key_value_heads)
 * @param intermediate intermediate_size
 * @param vocab        vocab_size
 * @param maxPositions max_position_embeddings
 */
record RandomLlama(int hidden, int layers, int heads, int intermediate, int vocab, int maxPositions) {

    /** ~19.5M parameters: 6 layers of width 512 with a 512-token vocabulary. */
    static final RandomLlama BENCHMARK = new RandomLlama(512, 6, 8, 1376, 512, 2048);

    long parameterCount() {
        long perLayer = 4L * hidden * hidden + 3L * hidden * intermediate + 2L * hidden;
        return layers * perLayer + 2L * vocab * hidden + hidden;
    }

    /** Writes the model into {@code directory} (which must exist), seeded for repeatability. */
    void write(Path directory, int seed) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode()
                .put("model_type", "llama").put("hidden_size", hidden).put("num_hidden_layers", layers)
                .put("num_attention_heads", heads).put("num_key_value_heads", heads)
                .put("intermediate_size", intermediate).put("vocab_size", vocab)
                .put("max_position_embeddings", maxPositions).put("rms_norm_eps", 1e-5).put("rope_theta", 10000.0)
                .put("hidden_act", "silu").put("tie_word_embeddings", false).put("bos_token_id", 1)
                .put("eos_token_id", 2).put("torch_dtype", "float32");
        config.putArray("architectures").add("LlamaForCausalLM");
        json.writerWithDefaultPrettyPrinter().writeValue(directory.resolve("config.json").toFile(), config);

        Engine.getEngine("PyTorch").setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            SafetensorsWriter writer = new SafetensorsWriter(SafetensorsDtype.F32);
            writer.add("model.embed_tokens.weight", manager.randomNormal(0, 0.02f, new Shape(vocab, hidden), DataType.FLOAT32));
            writer.add("lm_head.weight", manager.randomNormal(0, 0.02f, new Shape(vocab, hidden), DataType.FLOAT32));
            writer.add("model.norm.weight", manager.ones(new Shape(hidden)));
            for (int layer = 0; layer < layers; layer++) {
                String p = "model.layers." + layer + ".";
                for (String projection : new String[] {"q_proj", "k_proj", "v_proj", "o_proj"}) {
                    writer.add(p + "self_attn." + projection + ".weight", random(manager, hidden, hidden));
                }
                writer.add(p + "mlp.gate_proj.weight", random(manager, intermediate, hidden));
                writer.add(p + "mlp.up_proj.weight", random(manager, intermediate, hidden));
                writer.add(p + "mlp.down_proj.weight", random(manager, hidden, intermediate));
                writer.add(p + "input_layernorm.weight", manager.ones(new Shape(hidden)));
                writer.add(p + "post_attention_layernorm.weight", manager.ones(new Shape(hidden)));
            }
            writer.write(directory.resolve("model.safetensors"));
        }
        if (!Files.isRegularFile(directory.resolve("model.safetensors"))) {
            throw new IOException("model.safetensors was not written to " + directory);
        }
    }

    private static ai.djl.ndarray.NDArray random(NDManager manager, int rows, int columns) {
        return manager.randomNormal(0, 0.02f, new Shape(rows, columns), DataType.FLOAT32);
    }
}

package dev.wmdpjunit.djl.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.safetensors.SafetensorsDtype;
import dev.wmdpjunit.djl.safetensors.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a randomly initialised Llama (config.json + model.safetensors, normal(0, 0.02) weights, unit norms) with the
 * project's safetensors writer, for benchmarks that need a model of realistic size but no trained weights. Tensors
 * are generated one at a time while the file is written, so writing a 1B-parameter checkpoint holds one tensor.
 *
 * @param hidden       hidden_size
 * @param layers       num_hidden_layers
 * @param heads        num_attention_heads
 * @param kvHeads      num_key_value_heads
 * @param intermediate intermediate_size
 * @param vocab        vocab_size
 * @param maxPositions max_position_embeddings
 */
record RandomLlama(int hidden, int layers, int heads, int kvHeads, int intermediate, int vocab, int maxPositions) {

    /** ~19.5M parameters: 6 layers of width 512 with a 512-token vocabulary. */
    static final RandomLlama BENCHMARK = new RandomLlama(512, 6, 8, 8, 1376, 512, 2048);

    /** 179.6M parameters (issue 11's "180M" shape), stories260K's vocabulary of 512. */
    static final RandomLlama LLAMA_180M = new RandomLlama(1024, 16, 16, 4, 2816, 512, 2048);

    /** 971M parameters: TinyLlama's shape with stories260K's vocabulary of 512. */
    static final RandomLlama LLAMA_971M = new RandomLlama(2048, 22, 32, 4, 5632, 512, 2048);

    /** {@code 180m} or {@code 971m}. */
    static RandomLlama named(String name) {
        return switch (name) {
            case "180m" -> LLAMA_180M;
            case "971m" -> LLAMA_971M;
            default -> throw new IllegalArgumentException("unknown shape '" + name + "'; use 180m or 971m");
        };
    }

    long parameterCount() {
        return shapes().values().stream().mapToLong(Shape::size).sum();
    }

    /** Writes the model into {@code directory} (which must exist) with float32 weights, seeded for repeatability. */
    void write(Path directory, int seed) throws IOException {
        write(directory, seed, SafetensorsDtype.F32);
    }

    /** Writes the model into {@code directory} (which must exist) with weights stored as {@code fileDtype}. */
    void write(Path directory, int seed, SafetensorsDtype fileDtype) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode()
                .put("model_type", "llama").put("hidden_size", hidden).put("num_hidden_layers", layers)
                .put("num_attention_heads", heads).put("num_key_value_heads", kvHeads)
                .put("intermediate_size", intermediate).put("vocab_size", vocab)
                .put("max_position_embeddings", maxPositions).put("rms_norm_eps", 1e-5).put("rope_theta", 10000.0)
                .put("hidden_act", "silu").put("tie_word_embeddings", false).put("bos_token_id", 1)
                .put("eos_token_id", 2).put("torch_dtype", switch (fileDtype) {
                    case BF16 -> "bfloat16";
                    case F16 -> "float16";
                    default -> "float32";
                });
        config.putArray("architectures").add("LlamaForCausalLM");
        json.writerWithDefaultPrettyPrinter().writeValue(directory.resolve("config.json").toFile(), config);
        try (RandomWeights weights = new RandomWeights(shapes(), seed)) {
            new SafetensorsWriter(fileDtype).addAll(weights).write(directory.resolve("model.safetensors"));
        }
        if (!Files.isRegularFile(directory.resolve("model.safetensors"))) {
            throw new IOException("model.safetensors was not written to " + directory);
        }
    }

    /** Every tensor of the checkpoint with its shape, in HF state-dict order. */
    private Map<String, Shape> shapes() {
        int headDim = hidden / heads;
        Map<String, Shape> shapes = new LinkedHashMap<>();
        shapes.put("model.embed_tokens.weight", new Shape(vocab, hidden));
        for (int layer = 0; layer < layers; layer++) {
            String p = "model.layers." + layer + ".";
            shapes.put(p + "self_attn.q_proj.weight", new Shape((long) heads * headDim, hidden));
            shapes.put(p + "self_attn.k_proj.weight", new Shape((long) kvHeads * headDim, hidden));
            shapes.put(p + "self_attn.v_proj.weight", new Shape((long) kvHeads * headDim, hidden));
            shapes.put(p + "self_attn.o_proj.weight", new Shape(hidden, (long) heads * headDim));
            shapes.put(p + "mlp.gate_proj.weight", new Shape(intermediate, hidden));
            shapes.put(p + "mlp.up_proj.weight", new Shape(intermediate, hidden));
            shapes.put(p + "mlp.down_proj.weight", new Shape(hidden, intermediate));
            shapes.put(p + "input_layernorm.weight", new Shape(hidden));
            shapes.put(p + "post_attention_layernorm.weight", new Shape(hidden));
        }
        shapes.put("model.norm.weight", new Shape(hidden));
        shapes.put("lm_head.weight", new Shape(vocab, hidden));
        return shapes;
    }

    /** Random tensors made when loaded: norms (1-D) are ones, matrices normal(0, 0.02), each seeded by its index. */
    private static final class RandomWeights implements TensorSource {

        private final Map<String, Shape> shapes;
        private final List<String> order;
        private final int seed;

        RandomWeights(Map<String, Shape> shapes, int seed) {
            this.shapes = shapes;
            this.order = new ArrayList<>(shapes.keySet());
            this.seed = seed;
        }

        @Override
        public Set<String> names() {
            return Collections.unmodifiableSet(shapes.keySet());
        }

        @Override
        public Shape shape(String name) {
            return shapes.get(name);
        }

        @Override
        public DataType dataType(String name) {
            return DataType.FLOAT32;
        }

        @Override
        public NDArray load(String name, NDManager manager, DataType dtype) {
            Shape shape = shapes.get(name);
            if (shape.dimension() == 1) {
                return manager.ones(shape, dtype);
            }
            Engine.getEngine("PyTorch").setRandomSeed(seed + order.indexOf(name));
            return manager.randomNormal(0, 0.02f, shape, dtype, Device.cpu());
        }

        @Override
        public String describe(String name) {
            return "random weights: " + name;
        }

        @Override
        public void close() {
        }
    }
}

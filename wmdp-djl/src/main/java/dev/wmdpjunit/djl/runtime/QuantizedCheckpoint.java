package dev.wmdpjunit.djl.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.core.model.WeightQuantization;
import dev.wmdpjunit.djl.checkpoint.CheckpointDirectory;
import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.model.Architecture;
import dev.wmdpjunit.djl.model.ModelConfig;
import dev.wmdpjunit.djl.safetensors.SafetensorsDtype;
import dev.wmdpjunit.djl.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Writes a copy of a Hugging Face checkpoint with its decoder weight matrices quantized and dequantized
 * ({@link WeightQuantization}): the copy is an ordinary float32 checkpoint any backend opens. Tensors are read,
 * rounded and written one at a time, so memory stays at about one tensor. The source folder is only read; the
 * copy is staged and moved into place ({@link CheckpointWriter}).
 */
public final class QuantizedCheckpoint {

    /** Name parts of the token and position embeddings and the output head, which stay unchanged. */
    private static final List<String> UNCHANGED = List.of("embed_tokens.", "wte.", "wpe.", "embed_in.", "embed_out.",
            "lm_head.");
    private static final Set<DataType> FLOATS = Set.of(DataType.FLOAT16, DataType.BFLOAT16, DataType.FLOAT32,
            DataType.FLOAT64);

    private QuantizedCheckpoint() {
    }

    /** Writes the quantized copy of the checkpoint folder {@code source} to the new folder {@code target}. */
    public static void write(Path source, WeightQuantization quantization, Path target) throws IOException {
        ModelConfig config = ModelConfig.read(source.resolve("config.json"));
        // GPT-2's Conv1D stores weights [in, out]; every other layout here is nn.Linear's [out, in].
        int outputAxis = config.architecture() == Architecture.GPT2 ? 1 : 0;
        try (TensorSource weights = CheckpointDirectory.open(source)) {
            SafetensorsWriter writer = new SafetensorsWriter(SafetensorsDtype.F32);
            writer.addAll(new Quantized(weights, quantization, outputAxis));
            CheckpointWriter.writeDirectory(source, target, writer);
        }
    }

    /** Whether the tensor is a weight matrix the scheme rounds. */
    static boolean rounds(String name, Shape shape, DataType type) {
        return shape.dimension() == 2 && FLOATS.contains(type) && name.endsWith(".weight")
                && UNCHANGED.stream().noneMatch(part -> ("." + name).contains("." + part));
    }

    /**
     * A float32 matrix rounded as the scheme says: per output channel (a slice along {@code outputAxis}),
     * {@code scale = max|w| / maxLevel} (1 for an all-zero channel), {@code w' = clamp(round(w / scale)) * scale}.
     */
    public static NDArray roundMatrix(NDArray weight, WeightQuantization quantization, int outputAxis) {
        int level = quantization.maxLevel();
        NDArray scale = weight.abs().max(new int[] {1 - outputAxis}, true).div(level);
        NDArray safe = scale.add(scale.eq(0).toType(DataType.FLOAT32, false));
        return weight.div(safe).round().clip(-level, level).mul(safe);
    }

    /** The source's tensors, rounded on load where the scheme says so. */
    private record Quantized(TensorSource source, WeightQuantization quantization, int outputAxis)
            implements TensorSource {

        @Override
        public Set<String> names() {
            return source.names();
        }

        @Override
        public Shape shape(String name) {
            return source.shape(name);
        }

        @Override
        public DataType dataType(String name) {
            return source.dataType(name);
        }

        @Override
        public NDArray load(String name, NDManager manager, DataType dtype) {
            if (!rounds(name, source.shape(name), source.dataType(name))) {
                return source.load(name, manager, dtype);
            }
            return roundMatrix(source.load(name, manager, DataType.FLOAT32), quantization, outputAxis).toType(dtype,
                    false);
        }

        @Override
        public String describe(String name) {
            return source.describe(name);
        }

        @Override
        public void close() {
            source.close();
        }
    }
}

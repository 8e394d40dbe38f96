package dev.wmdpjunit.djl.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Optional;
import java.util.Set;

/**
 * Named tensors of a checkpoint, in Hugging Face naming ({@code model.layers.0.mlp.down_proj.weight}).
 * The architectures read their weights only through this interface; safetensors files implement it.
 */
public interface TensorSource extends AutoCloseable {

    /** Every tensor name in the checkpoint. */
    Set<String> names();

    /** The stored shape of a tensor; throws naming the checkpoint if the tensor is absent. */
    Shape shape(String name);

    /**
     * The stored element type of a tensor (BFLOAT16 included: naming it creates no array). Lets a reader tell
     * integer tensors from floating ones, and choose a compute type, before loading any data.
     */
    DataType dataType(String name);

    /**
     * Loads a tensor into {@code manager}, converted to {@code dtype} (for example FLOAT32 on CPU).
     * Storage dtypes DJL cannot hold (BF16) are converted before any NDArray exists.
     */
    NDArray load(String name, NDManager manager, DataType dtype);

    /**
     * {@link #load} unless narrowing to {@code dtype} turns a finite stored value infinite (a BF16 or F32 value
     * beyond float16's 65504): then empty, and nothing stays loaded. This implementation loads twice and compares;
     * safetensors files check while converting.
     */
    default Optional<NDArray> loadFinite(String name, NDManager manager, DataType dtype) {
        NDArray narrowed = load(name, manager, dtype);
        try (NDManager scratch = manager.newSubManager()) {
            NDArray stored = load(name, scratch, DataType.FLOAT32);
            if (narrowed.isInfinite().logicalAnd(stored.isInfinite().logicalNot()).any().getBoolean()) {
                narrowed.close();
                return Optional.empty();
            }
        }
        return Optional.of(narrowed);
    }

    /** Where a tensor lives, for error messages: {@code /path/model-00001-of-00002.safetensors: name}. */
    String describe(String name);

    @Override
    void close();
}

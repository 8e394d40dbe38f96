package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.safetensors.FloatFormats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The parameters of a model as NDArrays keyed by their Hugging Face names, in state-dict order.
 *
 * <p>Precision ({@link WeightDtype}): the values are the checkpoint's rounded to the chosen dtype, as transformers'
 * {@code torch_dtype} gives them. Float32 holds every parameter as float32 (a BF16 or F16 file widens exactly).
 * Bfloat16 and float16 hold each matrix (2-D parameter) in 2 bytes as a float16 array. Float16 represents every
 * bfloat16 value of magnitude 2^-14 (6.1e-5) to 65504 exactly; smaller ones become float16 subnormals, off by at
 * most 2^-25 (3.0e-8) absolute ({@link #SUBNORMAL_ERROR}), which real checkpoints have in every matrix (random
 * normal(0, 0.02) weights: 0.24% of them). A matrix with a value float16 cannot hold within that bound (above
 * 65504) is held in float32 with the same rounded values instead.
 * Vectors (norms, biases) are held in float32. DJL 0.36 cannot hold bfloat16 arrays at all (its PyTorch JNI aborts
 * the JVM on them), hence float16 storage. Compute is float32: a float16 matrix is widened for each product.
 *
 * <p>A tied head is not a separate entry, exactly as in the files HF writes. The arrays are the ones the
 * forward pass uses: updating one in place (an optimizer step) changes the model, and {@link #asMap()} is what
 * a checkpoint writer saves. The arrays belong to the model and are freed when the model is closed.
 */
public final class ModelParameters {

    private static final int MAX_REPORTED_PROBLEMS = 20;

    /** Largest difference allowed between a held float16 value and the value it stands for: 2^-25. */
    static final float SUBNORMAL_ERROR = 0x1p-25f;

    /** The largest finite float16. */
    static final float FLOAT16_MAX = 65504f;

    private final Map<String, NDArray> byName;

    private ModelParameters(Map<String, NDArray> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * Loads every parameter of {@code layout} from {@code source} into {@code manager} in {@code dtype} (see the
     * class comment), after checking that the checkpoint holds exactly the expected tensors with the expected shapes.
     * Tensors are loaded one at a time, so loading holds the model plus one tensor in transit.
     *
     * @param model what is being loaded (architecture and config file), for error messages
     * @throws IllegalArgumentException listing every missing, unexpected or misshapen tensor
     */
    static ModelParameters load(TensorSource source, ParameterLayout layout, NDManager manager, String model,
                                WeightDtype dtype) {
        checkNames(source, layout, model);
        Map<String, NDArray> loaded = new LinkedHashMap<>();
        for (String name : layout.shapes().keySet()) {
            NDArray array = hold(source, name, manager, dtype);
            array.setName(name);
            loaded.put(name, array);
        }
        for (String name : source.names()) {
            layout.tiedTarget(name).ifPresent(target -> checkTiedCopy(source, name, target, manager));
        }
        return new ModelParameters(loaded);
    }

    /** The dtype a checkpoint's floating tensors are stored in, if they all share one (else float32). */
    static WeightDtype storedDtype(TensorSource source) {
        Set<DataType> floating = new java.util.HashSet<>();
        for (String name : source.names()) {
            DataType type = source.dataType(name);
            if (type.isFloating()) {
                floating.add(type);
            }
        }
        if (floating.equals(Set.of(DataType.BFLOAT16))) {
            return WeightDtype.BFLOAT16;
        }
        return floating.equals(Set.of(DataType.FLOAT16)) ? WeightDtype.FLOAT16 : WeightDtype.FLOAT32;
    }

    /** One tensor with its values rounded to {@code dtype}, held as the class comment says. */
    private static NDArray hold(TensorSource source, String name, NDManager manager, WeightDtype dtype) {
        DataType stored = source.dataType(name);
        if (dtype == WeightDtype.FLOAT32 || !stored.isFloating()) {
            return source.load(name, manager, DataType.FLOAT32);
        }
        if (source.shape(name).dimension() == 2) {
            // Converted while read, 2 bytes per value all the way. Float16: torch's rounding, a value beyond 65504
            // becoming infinite as in transformers. Bfloat16 from a BF16 file: moved into float16 (exact within
            // SUBNORMAL_ERROR), unless a value lies beyond float16's range: then the matrix is held in float32.
            if (dtype == WeightDtype.FLOAT16) {
                return source.load(name, manager, DataType.FLOAT16);
            }
            if (stored == DataType.BFLOAT16) {
                return source.loadFinite(name, manager, DataType.FLOAT16)
                        .orElseGet(() -> source.load(name, manager, DataType.FLOAT32));
            }
        }
        NDArray values = source.load(name, manager, DataType.FLOAT32);
        try (NDManager scratch = manager.newSubManager()) {
            values.attach(scratch);
            NDArray rounded = roundedTo(values, dtype, stored);
            NDArray held = rounded;
            // Round to nearest puts every value of magnitude up to 65504 within half a float16 subnormal step
            // (SUBNORMAL_ERROR) of itself or closer; larger ones (and NaN) keep the matrix in float32.
            if (rounded.getShape().dimension() == 2 && rounded.abs().max().getFloat() <= FLOAT16_MAX) {
                held = rounded.toType(DataType.FLOAT16, false);
            }
            held.attach(manager);
            return held;
        }
    }

    /** Float32 values rounded to {@code dtype} (a no-op when the file stored them in that dtype). */
    private static NDArray roundedTo(NDArray values, WeightDtype dtype, DataType stored) {
        if (dtype == WeightDtype.FLOAT16) {
            return stored == DataType.FLOAT16 ? values : values.toType(DataType.FLOAT16, false)
                    .toType(DataType.FLOAT32, false);
        }
        if (stored == DataType.BFLOAT16) {
            return values;
        }
        float[] rounded = values.toFloatArray();
        for (int i = 0; i < rounded.length; i++) {
            rounded[i] = FloatFormats.bf16ToFloat(FloatFormats.floatToBf16(rounded[i]));
        }
        return values.getManager().create(rounded, values.getShape());
    }

    /** The parameter with this HF name. */
    public NDArray get(String name) {
        NDArray array = byName.get(name);
        if (array == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; the model has " + byName.size()
                    + " parameters, e.g. " + byName.keySet().iterator().next());
        }
        return array;
    }

    /** Every parameter name, in state-dict order. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Every parameter by name, in state-dict order (unmodifiable view; the arrays are the live ones). */
    public Map<String, NDArray> asMap() {
        return byName;
    }

    /** Total number of scalar parameters. */
    public long count() {
        return byName.values().stream().mapToLong(NDArray::size).sum();
    }

    /**
     * Makes the matching parameters record gradients (inside a {@code GradientCollector}) and freezes all others.
     *
     * @return the names made trainable, in state-dict order
     * @throws IllegalArgumentException if no parameter matches
     */
    public List<String> setTrainable(Predicate<String> trainable) {
        List<String> names = new ArrayList<>();
        byName.forEach((name, array) -> {
            boolean train = trainable.test(name);
            array.setRequiresGradient(train);
            if (train) {
                names.add(name);
            }
        });
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no parameter matches the trainable selection");
        }
        return names;
    }

    /** Makes every parameter stop recording gradients (inference, or a frozen reference model). */
    public void freezeAll() {
        byName.values().forEach(array -> array.setRequiresGradient(false));
    }

    private static void checkNames(TensorSource source, ParameterLayout layout, String model) {
        List<String> problems = new ArrayList<>();
        Set<String> present = source.names();
        layout.shapes().forEach((name, expected) -> {
            if (!present.contains(name)) {
                problems.add("missing tensor '" + name + "' " + expected);
            } else if (!source.shape(name).equals(expected)) {
                problems.add(source.describe(name) + ": shape " + source.shape(name) + ", expected " + expected);
            }
        });
        for (String name : present) {
            boolean known = layout.shapes().containsKey(name) || layout.tiedTarget(name).isPresent()
                    || layout.isIgnoredBuffer(name);
            if (!known) {
                problems.add(source.describe(name) + ": unexpected tensor");
            }
        }
        if (!problems.isEmpty()) {
            String checkpoint = present.isEmpty() ? "an empty checkpoint"
                    : "its checkpoint (" + present.size() + " tensors, e.g. " + source.describe(present.iterator().next()) + ")";
            StringBuilder message = new StringBuilder(model + " does not match " + checkpoint + ":");
            problems.stream().limit(MAX_REPORTED_PROBLEMS).forEach(p -> message.append("\n  ").append(p));
            if (problems.size() > MAX_REPORTED_PROBLEMS) {
                message.append("\n  ... and ").append(problems.size() - MAX_REPORTED_PROBLEMS).append(" more");
            }
            throw new IllegalArgumentException(message.toString());
        }
    }

    /** A file may store a tied head a second time; it is accepted only if it is the same tensor. */
    private static void checkTiedCopy(TensorSource source, String alias, String target, NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray copy = source.load(alias, scratch, DataType.FLOAT32);
            NDArray original = source.load(target, scratch, DataType.FLOAT32);
            if (!copy.getShape().equals(original.getShape()) || !copy.contentEquals(original)) {
                throw new IllegalArgumentException(source.describe(alias) + ": tie_word_embeddings is true but this"
                        + " tensor differs from the " + target + " it is tied to");
            }
        }
    }
}

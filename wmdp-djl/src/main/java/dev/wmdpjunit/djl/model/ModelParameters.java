package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.djl.checkpoint.TensorSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The parameters of a model as float32 NDArrays keyed by their Hugging Face names, in state-dict order.
 *
 * <p>A tied head is not a separate entry, exactly as in the files HF writes. The arrays are the ones the
 * forward pass uses: updating one in place (an optimizer step) changes the model, and {@link #asMap()} is what
 * a checkpoint writer saves. The arrays belong to the model and are freed when the model is closed.
 */
public final class ModelParameters {

    private static final int MAX_REPORTED_PROBLEMS = 20;

    private final Map<String, NDArray> byName;

    private ModelParameters(Map<String, NDArray> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * Loads every parameter of {@code layout} from {@code source} into {@code manager} as float32, after checking
     * that the checkpoint holds exactly the expected tensors with the expected shapes.
     *
     * @param model what is being loaded (architecture and config file), for error messages
     * @throws IllegalArgumentException listing every missing, unexpected or misshapen tensor
     */
    static ModelParameters load(TensorSource source, ParameterLayout layout, NDManager manager, String model) {
        checkNames(source, layout, model);
        Map<String, NDArray> loaded = new LinkedHashMap<>();
        for (String name : layout.shapes().keySet()) {
            NDArray array = source.load(name, manager, DataType.FLOAT32);
            array.setName(name);
            loaded.put(name, array);
        }
        for (String name : source.names()) {
            layout.tiedTarget(name).ifPresent(target -> checkTiedCopy(source, name, loaded.get(target), manager));
        }
        return new ModelParameters(loaded);
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
    private static void checkTiedCopy(TensorSource source, String alias, NDArray target, NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray copy = source.load(alias, scratch, DataType.FLOAT32);
            if (!copy.getShape().equals(target.getShape()) || !copy.contentEquals(target)) {
                throw new IllegalArgumentException(source.describe(alias) + ": tie_word_embeddings is true but this"
                        + " tensor differs from the " + target.getName() + " it is tied to");
            }
        }
    }
}

package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.safetensors.SafetensorsFile;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A golden checkpoint with tensors renamed, removed, added or changed: the test double for damaged or
 * differently named checkpoints. Added and changed tensors are computed from the original on each load.
 */
final class EditedTensorSource implements TensorSource {

    private final TensorSource original;
    /** Visible name to (original name, transformation); an added tensor maps to the original it derives from. */
    private final Map<String, Map.Entry<String, UnaryOperator<NDArray>>> visible = new LinkedHashMap<>();

    EditedTensorSource(Path file) {
        this.original = SafetensorsFile.open(file);
        original.names().forEach(name -> visible.put(name, Map.entry(name, UnaryOperator.identity())));
    }

    EditedTensorSource rename(UnaryOperator<String> newName) {
        Map<String, Map.Entry<String, UnaryOperator<NDArray>>> renamed = new LinkedHashMap<>();
        visible.forEach((name, source) -> renamed.put(newName.apply(name), source));
        visible.clear();
        visible.putAll(renamed);
        return this;
    }

    EditedTensorSource remove(String name) {
        visible.remove(name);
        return this;
    }

    /** Adds {@code name}, computed from the original tensor {@code from}. */
    EditedTensorSource add(String name, String from, UnaryOperator<NDArray> compute) {
        visible.put(name, Map.entry(from, compute));
        return this;
    }

    /** Replaces the values of {@code name}. */
    EditedTensorSource change(String name, UnaryOperator<NDArray> compute) {
        return add(name, visible.get(name).getKey(), compute);
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(visible.keySet());
    }

    @Override
    public Shape shape(String name) {
        try (NDManager scratch = NDManager.newBaseManager()) {
            return load(name, scratch, DataType.FLOAT32).getShape();
        }
    }

    @Override
    public DataType dataType(String name) {
        return DataType.FLOAT32;
    }

    @Override
    public NDArray load(String name, NDManager manager, DataType dtype) {
        Map.Entry<String, UnaryOperator<NDArray>> source = visible.get(name);
        if (source == null) {
            throw new IllegalArgumentException("edited checkpoint has no tensor " + name);
        }
        NDArray array = source.getValue().apply(original.load(source.getKey(), manager, dtype));
        array.attach(manager);
        return array;
    }

    @Override
    public String describe(String name) {
        return "edited " + original.describe(name);
    }

    @Override
    public void close() {
        original.close();
    }
}

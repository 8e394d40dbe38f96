package dev.wmdpjunit.djl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.djl.checkpoint.TensorSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Test-only {@link TensorSource} over a small F32/I64 safetensors file, decoded whole with DJL's
 * {@code NDList.decode}. Stands in for the real safetensors reader in the model tests.
 */
final class DecodedTensorSource implements TensorSource {

    private final Path file;
    private final NDManager manager;
    private final Map<String, NDArray> tensors = new LinkedHashMap<>();

    DecodedTensorSource(Path file) {
        this.file = file;
        this.manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try (InputStream in = Files.newInputStream(file)) {
            for (NDArray array : NDList.decode(manager, in)) {
                tensors.put(array.getName(), array);
            }
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    @Override
    public Shape shape(String name) {
        return tensor(name).getShape();
    }

    @Override
    public NDArray load(String name, NDManager target, DataType dtype) {
        // duplicate() clones into storage that torch owns: a decoded array's memory belongs to this source's
        // buffers, which go away when the source is closed.
        NDArray copy = tensor(name).duplicate();
        copy.attach(target);
        return copy.getDataType() == dtype ? copy : copy.toType(dtype, false);
    }

    @Override
    public String describe(String name) {
        return file + ": " + name;
    }

    @Override
    public void close() {
        manager.close();
    }

    private NDArray tensor(String name) {
        NDArray array = tensors.get(name);
        if (array == null) {
            throw new IllegalArgumentException(file + " has no tensor " + name);
        }
        return array;
    }
}

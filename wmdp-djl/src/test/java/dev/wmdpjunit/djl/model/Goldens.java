package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wmdpjunit.core.testing.SharedFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Locating and reading the golden reference fixtures, and comparing tensors with them. */
final class Goldens {

    /** Recommended atol of the fixtures for a float32 implementation. */
    static final double TOLERANCE = 1e-4;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Goldens() {
    }

    /** The golden fixtures ({@link SharedFolder#golden()}). */
    static Path goldenDir() {
        return SharedFolder.golden();
    }

    /** The shared folder ({@link SharedFolder#root()}). */
    static Path sharedDir() {
        return SharedFolder.root();
    }

    /** Every folder directly under {@code dir} with golden.json, config.json and model.safetensors, sorted. */
    static List<Path> modelFolders(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(folder -> Stream.of("golden.json", "config.json", "model.safetensors")
                            .allMatch(file -> Files.isRegularFile(folder.resolve(file))))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** All tensors of a safetensors file by name, decoded into {@code manager}. */
    static Map<String, NDArray> readTensors(Path file, NDManager manager) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (NDArray array : NDList.decode(manager, in)) {
                tensors.put(array.getName(), array);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return tensors;
    }

    /** A JSON array of ints (1-D or 2-D) as an int64 array of the same shape. */
    static NDArray longArray(JsonNode node, NDManager manager) {
        if (node.get(0).isArray()) {
            long[][] rows = new long[node.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = longs(node.get(i));
            }
            return manager.create(rows);
        }
        return manager.create(longs(node));
    }

    static long[] longs(JsonNode node) {
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node.get(i).asLong();
        }
        return values;
    }

    /**
     * Largest |actual - expected| over the positions where {@code valid} (broadcastable 0/1, or null for all)
     * is 1. NaN anywhere in a valid position gives NaN, which fails every tolerance check.
     */
    static double maxAbsDiff(NDArray actual, NDArray expected, NDArray valid) {
        assertThat(actual.getShape()).as("shape").isEqualTo(expected.getShape());
        NDArray diff = actual.toType(DataType.FLOAT64, false).sub(expected.toType(DataType.FLOAT64, false)).abs();
        if (valid != null) {
            NDArray keep = valid.toType(DataType.BOOLEAN, false).broadcast(diff.getShape());
            diff = diff.get(keep);
        }
        if (diff.isNaN().any().getBoolean()) {
            return Double.NaN;
        }
        return diff.max().getDouble();
    }
}

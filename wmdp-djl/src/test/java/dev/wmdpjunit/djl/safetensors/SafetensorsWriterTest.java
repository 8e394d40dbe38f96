package dev.wmdpjunit.djl.safetensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.djl.checkpoint.TensorSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class SafetensorsWriterTest {

    @TempDir
    Path dir;

    static List<Path> modelFiles() {
        return FixtureDirs.allSafetensorsFiles().stream()
                .filter(p -> p.getFileName().toString().equals("model.safetensors"))
                .toList();
    }

    /** The shared model files were written by save_pretrained; an F32 rewrite must reproduce every byte. */
    @ParameterizedTest
    @MethodSource("modelFiles")
    void rewritesEveryModelFileByteForByte(Path original) throws IOException {
        Path copy = dir.resolve("copy.safetensors");
        try (SafetensorsFile source = SafetensorsFile.open(original)) {
            new SafetensorsWriter(SafetensorsDtype.F32).addAll(source).write(copy);
        }
        assertThat(Files.mismatch(original, copy)).isEqualTo(-1L);
    }

    @Test
    void keepsIntegerTensorsAsI64() throws IOException {
        Path original = FixtureDirs.golden().resolve("rmu/rmu_golden.safetensors");
        Path copy = dir.resolve("copy.safetensors");
        try (SafetensorsFile source = SafetensorsFile.open(original)) {
            new SafetensorsWriter(SafetensorsDtype.F32).addAll(source).write(copy);
        }
        try (SafetensorsFile source = SafetensorsFile.open(original);
             SafetensorsFile written = SafetensorsFile.open(copy);
             NDManager manager = NDManager.newBaseManager()) {
            assertThat(written.names()).isEqualTo(source.names());
            List<String> integers = new ArrayList<>();
            for (String name : source.names()) {
                SafetensorsDtype stored = source.storedDtype(name);
                if (stored == SafetensorsDtype.I64) {
                    integers.add(name);
                    assertThat(written.storedDtype(name)).isEqualTo(SafetensorsDtype.I64);
                    assertThat(written.load(name, manager, DataType.INT64).toLongArray()).as(name)
                            .isEqualTo(source.load(name, manager, DataType.INT64).toLongArray());
                } else {
                    // F64 tensors are narrowed to F32, as asked; F32 tensors are unchanged.
                    assertThat(written.storedDtype(name)).isEqualTo(SafetensorsDtype.F32);
                    assertThat(written.load(name, manager, DataType.FLOAT32).toFloatArray()).as(name)
                            .isEqualTo(source.load(name, manager, DataType.FLOAT32).toFloatArray());
                }
            }
            assertThat(integers).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SafetensorsDtype.class, names = {"BF16", "F16"})
    void writesHalfPrecisionCopiesWithinTheirPrecision(SafetensorsDtype dtype) throws IOException {
        Path original = FixtureDirs.golden().resolve("llama/model.safetensors");
        Path copy = dir.resolve("copy.safetensors");
        try (SafetensorsFile source = SafetensorsFile.open(original)) {
            new SafetensorsWriter(dtype).addAll(source).write(copy);
        }
        // bf16 keeps 8 significant bits, half 11: rounding to nearest errs by at most half a unit in the last place,
        // and below the smallest normal by at most half the smallest subnormal (bf16 2^-133, half 2^-24).
        double relativeBound = dtype == SafetensorsDtype.BF16 ? 0x1p-8 : 0x1p-11;
        double absoluteBound = dtype == SafetensorsDtype.BF16 ? 0x1p-134 : 0x1p-25;
        try (SafetensorsFile source = SafetensorsFile.open(original);
             SafetensorsFile written = SafetensorsFile.open(copy);
             NDManager manager = NDManager.newBaseManager()) {
            assertThat(Files.size(copy)).isLessThan(Files.size(original) * 6 / 10);
            for (String name : source.names()) {
                assertThat(written.storedDtype(name)).isEqualTo(dtype);
                assertThat(written.shape(name)).isEqualTo(source.shape(name));
                float[] expected = source.load(name, manager, DataType.FLOAT32).toFloatArray();
                float[] actual = written.load(name, manager, DataType.FLOAT32).toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    float rounded = dtype == SafetensorsDtype.BF16
                            ? FloatFormats.bf16ToFloat(FloatFormats.floatToBf16(expected[i]))
                            : FloatFormats.halfToFloat(FloatFormats.floatToHalf(expected[i]));
                    double error = Math.abs(actual[i] - expected[i]);
                    if (actual[i] != rounded || error > Math.max(relativeBound * Math.abs(expected[i]), absoluteBound)) {
                        fail("%s[%d]: %s was written as %s (expected %s)", name, i, expected[i], actual[i], rounded);
                    }
                }
            }
        }
    }

    @Test
    void writesArraysOfEveryShape() throws IOException {
        Path file = dir.resolve("arrays.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            new SafetensorsWriter(SafetensorsDtype.BF16)
                    .add("matrix", manager.create(new float[]{1f, 1.00390625f, -2.5f, 3e38f, Float.NaN, 1e-40f}, new Shape(2, 3)))
                    .add("ids", manager.create(new long[]{-1, 0, 5_000_000_000L, Long.MAX_VALUE}))
                    .add("scalar", manager.create(0.5f))
                    .add("empty", manager.create(new Shape(0, 2), DataType.FLOAT32))
                    .write(file);
        }
        try (SafetensorsFile written = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            assertThat(written.names()).containsExactly("empty", "ids", "matrix", "scalar");
            assertThat(written.storedDtype("ids")).isEqualTo(SafetensorsDtype.I64);
            assertThat(written.load("ids", manager, DataType.INT64).toLongArray())
                    .containsExactly(-1, 0, 5_000_000_000L, Long.MAX_VALUE);
            assertThat(written.storedDtype("matrix")).isEqualTo(SafetensorsDtype.BF16);
            assertThat(written.shape("matrix")).isEqualTo(new Shape(2, 3));
            // 1.00390625 = 1 + 2^-8 is a tie that rounds to the even 1.0; 3e38 (0x7F61B1E6) rounds up to 0x7F62; 1e-40 to a bf16 subnormal.
            float[] matrix = written.load("matrix", manager, DataType.FLOAT32).toFloatArray();
            assertThat(Arrays.copyOf(matrix, 4)).containsExactly(1f, 1f, -2.5f, Float.intBitsToFloat(0x7F62_0000));
            assertThat(matrix[4]).isNaN();
            assertThat(Float.floatToRawIntBits(matrix[5])).isEqualTo(0x0001_0000);
            assertThat(written.shape("scalar").isScalar()).isTrue();
            assertThat(written.load("scalar", manager, DataType.FLOAT32).getFloat()).isEqualTo(0.5f);
            assertThat(written.shape("empty")).isEqualTo(new Shape(0, 2));
        }
    }

    @Test
    void headerIsSortedSpacePaddedAndTaggedAsPytorch() throws IOException {
        Path file = dir.resolve("layout.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            new SafetensorsWriter(SafetensorsDtype.F16)
                    .add("b", manager.create(new float[]{1f, 2f, 3f}))
                    .add("a", manager.create(new float[]{4f}))
                    .add("c.x", manager.create(new long[]{7}))
                    .write(file);
        }
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).isZero();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        String json = header.stripTrailing();
        assertThat(header.substring(json.length())).matches(" {0,7}");
        assertThat(json).isEqualTo("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]},"
                + "\"b\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[2,8]},"
                + "\"c.x\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[8,16]}}");
        JsonNode parsed = new ObjectMapper().readTree(json);
        assertThat(parsed.get("c.x").get("data_offsets").get(1).asLong()).isEqualTo(bytes.length - 8 - headerLength);
        ByteBuffer data = ByteBuffer.wrap(bytes, 8 + (int) headerLength, 16).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.getShort()).isEqualTo((short) 0x4400); // 4.0 in half precision
        assertThat(data.getShort()).isEqualTo((short) 0x3C00); // 1.0
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("model.safetensors");
        Files.writeString(target, "previous content");
        Path original = FixtureDirs.golden().resolve("llama/model.safetensors");
        try (SafetensorsFile source = SafetensorsFile.open(original)) {
            TensorSource failing = new FailingSource(source, "model.layers.1.mlp.up_proj.weight");
            SafetensorsWriter writer = new SafetensorsWriter(SafetensorsDtype.F32).addAll(failing);
            assertThatThrownBy(() -> writer.write(target)).hasMessageContaining("simulated read failure");
        }
        assertThat(Files.readString(target)).isEqualTo("previous content");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void refusesInputItCannotWrite() throws IOException {
        assertThatThrownBy(() -> new SafetensorsWriter(SafetensorsDtype.F64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("F32, F16 or BF16, not F64");
        try (NDManager manager = NDManager.newBaseManager()) {
            SafetensorsWriter writer = new SafetensorsWriter(SafetensorsDtype.F32).add("x", manager.create(new float[]{1f}));
            assertThatThrownBy(() -> writer.add("x", manager.create(new float[]{2f})))
                    .hasMessageContaining("tensor 'x' was added twice");
            assertThatThrownBy(() -> writer.add("ints", manager.create(new int[]{1})))
                    .hasMessageContaining("tensor 'ints' is int32");
            assertThatThrownBy(() -> writer.add("__metadata__", manager.create(new float[]{1f})))
                    .hasMessageContaining("cannot name a tensor");
        }
        Path file = dir.resolve("bool.safetensors");
        byte[] json = "{\"flag\":{\"dtype\":\"BOOL\",\"shape\":[1],\"data_offsets\":[0,1]}}".getBytes(StandardCharsets.UTF_8);
        Files.write(file, ByteBuffer.allocate(8 + json.length + 1).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).put((byte) 1).array());
        try (SafetensorsFile source = SafetensorsFile.open(file)) {
            assertThatThrownBy(() -> new SafetensorsWriter(SafetensorsDtype.F32).addAll(source))
                    .hasMessageContaining(file + ": flag: stored as boolean");
        }
    }

    /** Delegates to a real file but fails to load one tensor, as a disk error would. */
    private record FailingSource(TensorSource delegate, String failing) implements TensorSource {
        @Override
        public Set<String> names() {
            return delegate.names();
        }

        @Override
        public Shape shape(String name) {
            return delegate.shape(name);
        }

        @Override
        public DataType dataType(String name) {
            return delegate.dataType(name);
        }

        @Override
        public NDArray load(String name, NDManager manager, DataType dtype) {
            if (name.equals(failing)) {
                throw new IllegalStateException("simulated read failure of " + name);
            }
            return delegate.load(name, manager, dtype);
        }

        @Override
        public String describe(String name) {
            return delegate.describe(name);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}

package dev.wmdpjunit.djl.safetensors;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of malformed file is refused with a message naming the file and, where there is one, the tensor. */
class SafetensorsValidationTest {

    private static final String F32_4 = "{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[%d,%d]}";

    @TempDir
    Path dir;

    @Test
    void refusesAFileShorterThanTheLengthField() throws IOException {
        Path file = Files.write(dir.resolve("short.safetensors"), new byte[5]);
        assertRefused(file, null, "shorter than the 8-byte header length");
    }

    @Test
    void refusesAHeaderLengthPastTheEndOfTheFile() throws IOException {
        Path file = dir.resolve("long.safetensors");
        Files.write(file, concat(lengthField(1000), "{}".getBytes(StandardCharsets.UTF_8)));
        assertRefused(file, null, "header length 1000 runs past the end of the file (10 bytes)");
        Files.write(file, concat(lengthField(-1), "{}".getBytes(StandardCharsets.UTF_8)));
        assertRefused(file, null, "header length 18446744073709551615 runs past the end");
    }

    @Test
    void refusesAHeaderAboveTheSizeLimit() throws IOException {
        Path file = dir.resolve("huge-header.safetensors");
        long length = SafetensorsHeader.MAX_HEADER_BYTES + 8;
        Files.write(file, lengthField(length));
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(8 + length);
        }
        assertRefused(file, null, "exceeds the limit of 100000000 bytes");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "truncated JSON      | {\"a\":{\"dtype\":\"F32\",\"shape\":[4],                         | a    | not valid JSON",
            "doubled comma       | {\"a\":{\"dtype\":\"F32\",,\"shape\":[4]}}                    | a    | not valid JSON",
            "not an object       | [1,2]                                                         |      | not a JSON object",
            "two objects         | {} {}                                                         |      | content after its JSON object",
            "garbage after       | {} x                                                          |      | not valid JSON",
            "unknown dtype       | {\"a\":{\"dtype\":\"Q7\",\"shape\":[1],\"data_offsets\":[0,1]}}      | a | unsupported dtype 'Q7'",
            "fp8 dtype           | {\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}} | a | unsupported dtype 'F8_E4M3'",
            "dtype not a string  | {\"a\":{\"dtype\":7,\"shape\":[1],\"data_offsets\":[0,1]}}          | a | dtype is 7",
            "missing shape       | {\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}                | a | has no 'shape'",
            "missing offsets     | {\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}                          | a | has no 'data_offsets'",
            "extra field         | {\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}} | a | unexpected header field 'x'",
            "entry not an object | {\"a\":[1]}                                                    | a    | not a JSON object",
            "negative dimension  | {\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}   | a | must hold non-negative integers",
            "fractional dimension| {\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}  | a | must hold non-negative integers",
            "three offsets       | {\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}} | a | must hold 2 numbers",
            "end before begin    | {\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}   | a | end before they begin",
            "overflowing shape   | {\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}} | a | too many elements",
            "duplicate field     | {\"a\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,4]}} | a | Duplicate field 'dtype'",
            "null entry          | {\"a\":null}                                                 | a    | the header entry is null, not a JSON object",
            "metadata twice      | {\"__metadata__\":{},\"__metadata__\":{}}                   |      | holds __metadata__ twice",
            "metadata number     | {\"__metadata__\":{\"format\":1}}                            |      | metadata values must be strings",
            "metadata not object | {\"__metadata__\":\"pt\"}                                      |      | __metadata__ is not a JSON object",
    })
    void refusesMalformedHeaders(String description, String header, String tensor, String problem) throws IOException {
        Path file = craft(header, 4);
        assertRefused(file, tensor, problem);
    }

    @Test
    void refusesAShapeThatDoesNotMatchItsBytes() throws IOException {
        Path file = craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}", 20);
        assertRefused(file, "w", "shape [2, 3] of F32 needs 24 bytes, but data_offsets [0, 20] span 20");
    }

    @Test
    void refusesATruncatedFile() throws IOException {
        Path file = craft("{\"a\":" + f32x4(0, 16) + ",\"b\":" + f32x4(16, 32) + "}", 24);
        assertRefused(file, "b", "data_offsets [16, 32] run past the end of the data region (24 bytes)");
    }

    @Test
    void refusesOverlappingTensors() throws IOException {
        Path file = craft("{\"a\":" + f32x4(0, 16) + ",\"b\":" + f32x4(8, 24) + "}", 24);
        assertRefused(file, "b", "overlap those of tensor 'a' [0, 16]");
    }

    @Test
    void refusesAGapBetweenTensors() throws IOException {
        Path file = craft("{\"a\":" + f32x4(0, 16) + ",\"b\":" + f32x4(24, 40) + "}", 40);
        assertRefused(file, "b", "data bytes [16, 24) before this tensor belong to no tensor");
    }

    @Test
    void refusesBytesBeforeTheFirstTensor() throws IOException {
        Path file = craft("{\"a\":" + f32x4(8, 24) + "}", 24);
        assertRefused(file, "a", "data bytes [0, 8) before this tensor belong to no tensor");
    }

    @Test
    void refusesTrailingBytesAfterTheLastTensor() throws IOException {
        Path file = craft("{\"a\":" + f32x4(0, 16) + "}", 20);
        assertRefused(file, "a", "data bytes [16, 20) at the end of the file belong to no tensor");
        Path empty = craft("{}", 8);
        assertRefused(empty, null, "the header names no tensor");
    }

    @Test
    void refusesDuplicateNames() throws IOException {
        Path file = craft("{\"a\":" + f32x4(0, 16) + ",\"a\":" + f32x4(16, 32) + "}", 32);
        assertRefused(file, "a", "names this tensor twice");
    }

    @Test
    void acceptsEmptyAndScalarTensorsAndNoMetadata() throws IOException {
        Path file = craft("{\"empty\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[0,0]},"
                + "\"scalar\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", 8);
        try (SafetensorsFile opened = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            assertThat(opened.metadata()).isEmpty();
            assertThat(opened.load("empty", manager, DataType.FLOAT32).getShape().getShape()).containsExactly(0, 3);
            assertThat(opened.load("scalar", manager, DataType.FLOAT64).getShape().isScalar()).isTrue();
        }
    }

    @Test
    void refusesConversionsThatWouldLoseMeaningOrCrashDjl() throws IOException {
        Path file = craft("{\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"i\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[4,12]},"
                + "\"s\":{\"dtype\":\"I16\",\"shape\":[2],\"data_offsets\":[12,16]}}", 16);
        try (SafetensorsFile opened = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            assertThat(opened.dataType("b")).isEqualTo(DataType.BFLOAT16);
            assertRefusedWhile(() -> opened.load("b", manager, DataType.BFLOAT16), file, "b",
                    "cannot load BF16 data as bfloat16 (DJL's PyTorch engine aborts the JVM");
            assertRefusedWhile(() -> opened.load("s", manager, DataType.INT16), file, "s", "cannot load I16 data as int16");
            assertRefusedWhile(() -> opened.load("i", manager, DataType.FLOAT32), file, "i", "cannot load I64 data as float32");
            assertRefusedWhile(() -> opened.load("b", manager, DataType.INT64), file, "b", "cannot load BF16 data as int64");
            assertRefusedWhile(() -> opened.shape("missing"), file, "missing", "no such tensor in this file");
        }
    }

    @Test
    void loadsEverySupportedTypeWithItsValues() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.put((byte) 1).put((byte) 0); // BOOL [2]
        data.put((byte) 200).put((byte) -7); // U8 [1], I8 [1]
        data.putShort((short) -300).putShort((short) 0x3F80); // I16 [1], BF16 [1] = 1.0
        data.putShort((short) 0xC000).putShort((short) 0x3555); // F16 [2] = -2.0, 0.333251953125
        data.putInt(-70000).putFloat(1.5f); // I32 [1], F32 [1]
        data.putLong(-5_000_000_000L).putDouble(0.1); // I64 [1], F64 [1]
        String header = "{"
                + entry("bool", "BOOL", 2, 0, 2) + "," + entry("u8", "U8", 1, 2, 3) + "," + entry("i8", "I8", 1, 3, 4) + ","
                + entry("i16", "I16", 1, 4, 6) + "," + entry("bf16", "BF16", 1, 6, 8) + ","
                + entry("f16", "F16", 2, 8, 12) + "," + entry("i32", "I32", 1, 12, 16) + ","
                + entry("f32", "F32", 1, 16, 20) + "," + entry("i64", "I64", 1, 20, 28) + ","
                + entry("f64", "F64", 1, 28, 36) + "}";
        Path file = craft(header, Arrays.copyOf(data.array(), 36));
        try (SafetensorsFile opened = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            assertThat(opened.load("bool", manager, DataType.BOOLEAN).toBooleanArray()).containsExactly(true, false);
            assertThat(opened.load("u8", manager, DataType.UINT8).toUint8Array()).containsExactly(200);
            assertThat(opened.load("u8", manager, DataType.INT64).toLongArray()).containsExactly(200);
            assertThat(opened.load("i8", manager, DataType.INT8).toByteArray()).containsExactly(-7);
            assertThat(opened.load("i8", manager, DataType.INT64).toLongArray()).containsExactly(-7);
            assertThat(opened.load("i16", manager, DataType.INT64).toLongArray()).containsExactly(-300);
            assertThat(opened.load("bf16", manager, DataType.FLOAT32).toFloatArray()).containsExactly(1.0f);
            assertThat(opened.load("bf16", manager, DataType.FLOAT16).toType(DataType.FLOAT32, false).toFloatArray())
                    .containsExactly(1.0f);
            assertThat(opened.load("f16", manager, DataType.FLOAT32).toFloatArray()).containsExactly(-2.0f, 0.333251953125f);
            assertThat(opened.load("i32", manager, DataType.INT32).toIntArray()).containsExactly(-70000);
            assertThat(opened.load("i32", manager, DataType.INT64).toLongArray()).containsExactly(-70000);
            assertThat(opened.load("f32", manager, DataType.FLOAT64).toDoubleArray()).containsExactly(1.5);
            assertThat(opened.load("i64", manager, DataType.INT64).toLongArray()).containsExactly(-5_000_000_000L);
            assertThat(opened.load("f64", manager, DataType.FLOAT64).toDoubleArray()).containsExactly(0.1);
            assertThat(opened.load("f64", manager, DataType.FLOAT32).toFloatArray()).containsExactly(0.1f);
        }
    }

    /** A sparse file whose second tensor lies beyond 2 GiB: positions are longs, and only the tensor is mapped. */
    @Test
    void readsTensorsBeyondTwoGibibytes() throws IOException {
        long bigElements = 671_088_640L; // 2.5 GiB of F32
        long bigBytes = bigElements * 4;
        String header = "{\"big\":{\"dtype\":\"F32\",\"shape\":[" + bigElements + "],\"data_offsets\":[0," + bigBytes
                + "]},\"small\":" + f32x4(bigBytes, bigBytes + 16) + "}";
        Path file = craft(header, 0);
        long dataStart = Files.size(file);
        ByteBuffer small = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).putFloat(-2f)
                .putFloat(3.5f).putFloat(Float.MAX_VALUE).flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(small, dataStart + bigBytes);
        }
        try (SafetensorsFile opened = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            assertThat(opened.shape("big").size()).isEqualTo(bigElements);
            assertThat(opened.load("small", manager, DataType.FLOAT32).toFloatArray())
                    .containsExactly(1f, -2f, 3.5f, Float.MAX_VALUE);
            assertRefusedWhile(() -> opened.load("big", manager, DataType.FLOAT32), file, "big",
                    "more than one NDArray buffer can hold");
        }
    }

    private static String f32x4(long begin, long end) {
        return String.format(F32_4, begin, end);
    }

    private static String entry(String name, String dtype, int elements, int begin, int end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + elements + "],\"data_offsets\":["
                + begin + "," + end + "]}";
    }

    private Path craft(String header, int dataBytes) throws IOException {
        return craft(header, new byte[dataBytes]);
    }

    private Path craft(String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Path file = Files.createTempFile(dir, "crafted", ".safetensors");
        return Files.write(file, concat(concat(lengthField(json.length), json), data));
    }

    private static byte[] lengthField(long length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] result = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }

    private static void assertRefused(Path file, String tensor, String problem) {
        assertRefusedWhile(() -> SafetensorsFile.open(file).close(), file, tensor, problem);
    }

    private static void assertRefusedWhile(ThrowingCallable action, Path file, String tensor, String problem) {
        assertThatThrownBy(action)
                .isInstanceOfSatisfying(SafetensorsException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    if (tensor == null) {
                        assertThat(e.tensor()).isEmpty();
                    } else {
                        assertThat(e.tensor()).contains(tensor);
                        assertThat(e.getMessage()).contains("tensor '" + tensor + "'");
                    }
                })
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(problem);
    }
}

package dev.wmdpjunit.djl.safetensors;

import ai.djl.ndarray.types.DataType;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The element types this reader understands, named as in a safetensors header. Data is little-endian.
 * The 8-bit float and unsigned 16/32/64-bit types of the format are not supported: a header naming them is
 * rejected.
 */
public enum SafetensorsDtype {
    BOOL(1, DataType.BOOLEAN),
    U8(1, DataType.UINT8),
    I8(1, DataType.INT8),
    /** Loads as INT64 only: DJL's PyTorch engine aborts the JVM on INT16 arrays. */
    I16(2, DataType.INT16),
    I32(4, DataType.INT32),
    I64(8, DataType.INT64),
    F16(2, DataType.FLOAT16),
    /** bfloat16: DJL's PyTorch engine aborts the JVM on BF16 arrays, so it is always widened in Java first. */
    BF16(2, DataType.BFLOAT16),
    F32(4, DataType.FLOAT32),
    F64(8, DataType.FLOAT64);

    private final int byteSize;
    private final DataType dataType;

    SafetensorsDtype(int byteSize, DataType dataType) {
        this.byteSize = byteSize;
        this.dataType = dataType;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The same element type as DJL names it (BFLOAT16 included: naming it creates no array). */
    public DataType dataType() {
        return dataType;
    }

    public boolean isFloating() {
        return this == F16 || this == BF16 || this == F32 || this == F64;
    }

    /** The integer types (BOOL is neither integer nor floating). */
    public boolean isInteger() {
        return this == U8 || this == I8 || this == I16 || this == I32 || this == I64;
    }

    /** The dtype a header calls {@code name}, if supported. */
    public static Optional<SafetensorsDtype> fromHeaderName(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }

    /** The header name of a DJL data type, if supported. */
    public static Optional<SafetensorsDtype> fromDataType(DataType dataType) {
        return Arrays.stream(values()).filter(d -> d.dataType == dataType).findFirst();
    }

    /** "BOOL, U8, ..." for error messages. */
    static String supportedNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}

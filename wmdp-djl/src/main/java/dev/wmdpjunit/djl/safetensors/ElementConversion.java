package dev.wmdpjunit.djl.safetensors;

import ai.djl.ndarray.types.DataType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.Set;

/**
 * Converts little-endian safetensors elements into a native-order buffer of a DJL data type, in Java, so that no
 * NDArray ever holds a type DJL cannot handle (BF16).
 *
 * <p>Allowed: the stored type itself (bits copied unchanged) unless DJL cannot hold it (BF16, I16); any floating
 * type to FLOAT32, FLOAT16 or FLOAT64; any integer type to INT64. Floating values pass through float32, so F64 to
 * FLOAT16 rounds twice (F64 to F32, then to F16), which can differ from a direct rounding in the last bit for rare
 * ties. Integers never become floats and floats never become integers: ask for that explicitly on the NDArray.
 */
final class ElementConversion {

    /**
     * The types DJL's PyTorch JNI maps to a torch type. Its mapping rethrows with no active exception for any
     * other (BFLOAT16, INT16, the unsigned 16/32/64-bit types), which aborts the JVM.
     */
    static final Set<DataType> SAFE_IN_DJL = Set.of(DataType.FLOAT32, DataType.FLOAT64, DataType.FLOAT16,
            DataType.UINT8, DataType.INT32, DataType.INT8, DataType.INT64, DataType.BOOLEAN);

    private static final int CHUNK_ELEMENTS = 8192;

    private ElementConversion() {
    }

    static boolean supports(SafetensorsDtype from, DataType to) {
        if (!SAFE_IN_DJL.contains(to)) {
            return false;
        }
        if (from.dataType() == to) {
            return true;
        }
        if (from.isFloating()) {
            return to == DataType.FLOAT32 || to == DataType.FLOAT16 || to == DataType.FLOAT64;
        }
        return from.isInteger() && to == DataType.INT64;
    }

    /**
     * Converts every element remaining in {@code source} (little-endian, a whole number of elements) and writes
     * the results at {@code target}'s position, advancing it. Requires {@link #supports}.
     *
     * @return whether a finite value became infinite (narrowing to FLOAT16 beyond its 65504)
     */
    static boolean convert(ByteBuffer source, SafetensorsDtype from, ByteBuffer target, DataType to) {
        ByteBuffer in = source.slice().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = target.slice().order(ByteOrder.nativeOrder());
        boolean overflowed = false;
        if (from.dataType() == to) {
            copyBits(in, from.byteSize(), out);
        } else if (from == SafetensorsDtype.BF16 && to == DataType.FLOAT16) {
            overflowed = bf16ToHalf(in, out);
        } else if (from.isFloating()) {
            float[] chunk = new float[CHUNK_ELEMENTS];
            short[] halves = new short[CHUNK_ELEMENTS];
            while (in.hasRemaining()) {
                int count = Math.min(CHUNK_ELEMENTS, in.remaining() / from.byteSize());
                readFloats(in, from, chunk, halves, count);
                overflowed |= writeFloats(chunk, halves, count, out, to);
            }
        } else {
            while (in.hasRemaining()) {
                out.putLong(readInteger(in, from));
            }
        }
        target.position(target.position() + out.position());
        return overflowed;
    }

    /** Same type: copies element by element through typed views, swapping bytes only if the machine is big-endian. */
    private static void copyBits(ByteBuffer in, int byteSize, ByteBuffer out) {
        int bytes = in.remaining();
        switch (byteSize) {
            case 1 -> out.put(in);
            case 2 -> out.asShortBuffer().put(in.asShortBuffer());
            case 4 -> out.asIntBuffer().put(in.asIntBuffer());
            case 8 -> out.asLongBuffer().put(in.asLongBuffer());
            default -> throw new IllegalArgumentException("no element is " + byteSize + " bytes wide");
        }
        out.position(bytes);
    }

    /**
     * 16 bits to 16 bits without a float32 step in between: the common case of a BF16 checkpoint held in 2 bytes.
     *
     * @return whether a finite value was beyond float16's range (exponent field 143..254: 65536 and up)
     */
    private static boolean bf16ToHalf(ByteBuffer in, ByteBuffer out) {
        ShortBuffer source = in.asShortBuffer();
        ShortBuffer target = out.asShortBuffer();
        short[] chunk = new short[CHUNK_ELEMENTS];
        int largestFiniteExponent = 0;
        while (source.hasRemaining()) {
            int count = Math.min(CHUNK_ELEMENTS, source.remaining());
            source.get(chunk, 0, count);
            for (int i = 0; i < count; i++) {
                int exponent = (chunk[i] >>> 7) & 0xFF;
                largestFiniteExponent = Math.max(largestFiniteExponent, exponent == 0xFF ? 0 : exponent);
                chunk[i] = FloatFormats.bf16ToHalf(chunk[i]);
            }
            target.put(chunk, 0, count);
        }
        in.position(in.limit());
        out.position(2 * target.position());
        return largestFiniteExponent >= 143;
    }

    /** Bulk reads through typed views (a plain copy on little-endian machines), then widens in a tight loop. */
    private static void readFloats(ByteBuffer in, SafetensorsDtype from, float[] chunk, short[] halves, int count) {
        switch (from) {
            case F32 -> in.asFloatBuffer().get(chunk, 0, count);
            case F64 -> {
                for (int i = 0; i < count; i++) {
                    chunk[i] = (float) in.getDouble(in.position() + 8 * i);
                }
            }
            case F16 -> {
                in.asShortBuffer().get(halves, 0, count);
                for (int i = 0; i < count; i++) {
                    chunk[i] = FloatFormats.halfToFloat(halves[i]);
                }
            }
            case BF16 -> {
                in.asShortBuffer().get(halves, 0, count);
                for (int i = 0; i < count; i++) {
                    chunk[i] = FloatFormats.bf16ToFloat(halves[i]);
                }
            }
            default -> throw new IllegalArgumentException(from + " is not a floating type");
        }
        in.position(in.position() + count * from.byteSize());
    }

    /** @return whether a finite value became infinite (narrowing to FLOAT16) */
    private static boolean writeFloats(float[] chunk, short[] halves, int count, ByteBuffer out, DataType to) {
        boolean overflowed = false;
        if (to == DataType.FLOAT32) {
            out.asFloatBuffer().put(chunk, 0, count);
            out.position(out.position() + 4 * count);
        } else if (to == DataType.FLOAT16) {
            for (int i = 0; i < count; i++) {
                halves[i] = FloatFormats.floatToHalf(chunk[i]);
                overflowed |= (halves[i] & 0x7FFF) == 0x7C00 && Float.isFinite(chunk[i]);
            }
            out.asShortBuffer().put(halves, 0, count);
            out.position(out.position() + 2 * count);
        } else if (to == DataType.FLOAT64) {
            for (int i = 0; i < count; i++) {
                out.putDouble(chunk[i]);
            }
        } else {
            throw new IllegalArgumentException(to + " is not a floating type");
        }
        return overflowed;
    }

    private static long readInteger(ByteBuffer in, SafetensorsDtype from) {
        return switch (from) {
            case U8 -> in.get() & 0xFF;
            case I8 -> in.get();
            case I16 -> in.getShort();
            case I32 -> in.getInt();
            case I64 -> in.getLong();
            default -> throw new IllegalArgumentException(from + " is not an integer type");
        };
    }
}

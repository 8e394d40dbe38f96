package dev.wmdpjunit.djl.safetensors;

/**
 * Bit-exact conversions between float32 and the 16-bit float formats, rounding as PyTorch does
 * ({@code tensor.to(torch.bfloat16)} / {@code .to(torch.float16)}): round to nearest, ties to even, overflow to
 * infinity, subnormals kept.
 *
 * <p>NaNs follow torch's scalar types {@code c10::BFloat16} and {@code c10::Half}: bf16 NaN is always 0x7FC0,
 * half NaN is sign | 0x7E00. Torch's vectorized CPU kernels write other NaN patterns (bf16 0xFFFF), so only
 * "is NaN", not the bits, can be compared with files torch wrote.
 */
public final class FloatFormats {

    /** The NaN torch writes for every bfloat16 NaN: the sign and payload are not kept. */
    public static final short BF16_NAN = 0x7FC0;

    private FloatFormats() {
    }

    /** Widens bfloat16 bits to float32; exact, NaN payloads included. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Rounds float32 to bfloat16 bits (ties to even; NaN becomes {@link #BF16_NAN}). */
    public static short floatToBf16(float value) {
        if (Float.isNaN(value)) {
            return BF16_NAN;
        }
        int bits = Float.floatToRawIntBits(value);
        int tiesToEvenBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + tiesToEvenBias) >>> 16);
    }

    /**
     * Rounds bfloat16 bits to IEEE half-precision bits: {@code floatToHalf(bf16ToFloat(bits))}. A bfloat16 of
     * magnitude 2^-14 .. 65280 is a normal half with the same 7 mantissa bits, moved over (exact); others (half
     * subnormals, beyond the half range, zero, NaN) take the rounding path.
     */
    public static short bf16ToHalf(short bits) {
        int exponent = (bits >>> 7) & 0xFF;
        if (exponent >= 113 && exponent <= 142) {
            // float32 exponent field e (bias 127) is the half's e - 112 (bias 15); 1..30 are the normal halves
            return (short) ((bits & 0x8000) | ((exponent - 112) << 10) | ((bits & 0x7F) << 3));
        }
        return floatToHalf(bf16ToFloat(bits));
    }

    /** Widens IEEE half-precision bits to float32; exact, subnormals and NaN payloads included. */
    public static float halfToFloat(short bits) {
        int half = bits & 0xFFFF;
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1F;
        int mantissa = half & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent != 0) {
            // Re-bias the exponent from 15 to 127.
            return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
        }
        float magnitude = mantissa * 0x1p-24f;
        return sign == 0 ? magnitude : -magnitude;
    }

    /** Rounds float32 to IEEE half-precision bits (ties to even; 65520 and above become infinity). */
    public static short floatToHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int magnitude = bits & 0x7FFFFFFF;
        if (magnitude > 0x7F800000) {
            return (short) (sign | 0x7E00);
        }
        if (magnitude >= 0x477FF000) {
            // 65520 is halfway between the largest half (65504) and 65536; the tie goes to the even 65536 = inf.
            return (short) (sign | 0x7C00);
        }
        if (magnitude >= 0x38800000) {
            // Normal half: drop 13 mantissa bits with ties to even, then re-bias the exponent from 127 to 15.
            int rounded = magnitude + 0xFFF + ((magnitude >>> 13) & 1);
            return (short) (sign | ((rounded - 0x38000000) >>> 13));
        }
        // Subnormal half: count units of 2^-24. A carry into 1024 gives the smallest normal, which is correct.
        int biasedExponent = magnitude >>> 23;
        if (biasedExponent < 102) {
            return (short) sign; // below 2^-25: rounds to zero
        }
        int significand = (magnitude & 0x7FFFFF) | 0x800000;
        int shift = 126 - biasedExponent;
        int units = significand >>> shift;
        int remainder = significand & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (remainder > halfway || (remainder == halfway && (units & 1) == 1)) {
            units++;
        }
        return (short) (sign | units);
    }
}

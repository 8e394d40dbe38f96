package dev.wmdpjunit.djl.safetensors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class FloatFormatsTest {

    @ParameterizedTest(name = "float {0} -> bf16 {1}")
    @CsvSource({
            "3F800000, 3F80", // 1.0
            "40490FDB, 4049", // pi: lower half 0x0FDB rounds down
            "3F807FFF, 3F80", // just below the tie
            "3F808000, 3F80", // tie, even neighbour below
            "3F818000, 3F82", // tie, odd neighbour below: rounds up
            "3F808001, 3F81", // just above the tie
            "BF808000, BF80", // negative tie
            "BF818000, BF82",
            "7F7FFFFF, 7F80", // largest float rounds to infinity
            "7F7F7FFF, 7F7F", // largest finite bf16 stays
            "7F800000, 7F80", // +inf
            "FF800000, FF80", // -inf
            "7FC00000, 7FC0", // quiet NaN
            "FFC00001, 7FC0", // negative NaN: torch drops sign and payload
            "7F800001, 7FC0", // signalling NaN
            "00000000, 0000", // +0
            "80000000, 8000", // -0
            "00000001, 0000", // smallest float subnormal rounds to +0
            "80000001, 8000", // ... and its negative to -0
            "00008000, 0000", // subnormal tie, even neighbour
            "00018000, 0002", // subnormal tie, odd neighbour below: up
            "0000C000, 0001", // subnormal above the tie
            "007FFFFF, 0080", // largest float subnormal rounds up to the smallest normal
            "00800000, 0080", // smallest normal float
    })
    void roundsFloatToBf16AsTorch(String floatBits, String bf16Bits) {
        float value = Float.intBitsToFloat(Integer.parseUnsignedInt(floatBits, 16));
        assertThat(hex(FloatFormats.floatToBf16(value))).isEqualTo(bf16Bits);
    }

    @ParameterizedTest(name = "float {0} -> half {1}")
    @CsvSource({
            "3F800000, 3C00", // 1.0
            "3DCCCCCD, 2E66", // 0.1
            "3F801000, 3C00", // 1 + 2^-11: tie, even neighbour below
            "3F803000, 3C02", // 1 + 3*2^-11: tie, odd neighbour below: up
            "3F801001, 3C01", // just above the tie
            "477FE000, 7BFF", // 65504, the largest half
            "477FEFFF, 7BFF", // just below 65520
            "477FF000, 7C00", // 65520: tie between 65504 (odd) and 65536 = inf
            "49742400, 7C00", // 1e6
            "C77FF000, FC00", // -65520
            "7F800000, 7C00", // +inf
            "FF800000, FC00", // -inf
            "7FC00000, 7E00", // NaN
            "FFC00000, FE00", // negative NaN keeps its sign
            "80000000, 8000", // -0
            "38800000, 0400", // 2^-14, smallest normal half
            "33800000, 0001", // 2^-24, smallest subnormal half
            "33000000, 0000", // 2^-25: tie between 0 (even) and 2^-24
            "33000001, 0001", // just above 2^-25
            "33C00000, 0002", // 1.5 * 2^-24: tie, odd neighbour below: up
            "B3C00000, 8002", // negative
            "387FC000, 03FF", // 1023 * 2^-24, largest subnormal half
            "387FE000, 0400", // 1023.5 * 2^-24: tie, odd below: up to the smallest normal
            "00000001, 0000", // float subnormal
            "32FFFFFF, 0000", // just below 2^-25
    })
    void roundsFloatToHalfAsTorch(String floatBits, String halfBits) {
        float value = Float.intBitsToFloat(Integer.parseUnsignedInt(floatBits, 16));
        assertThat(hex(FloatFormats.floatToHalf(value))).isEqualTo(halfBits);
    }

    @ParameterizedTest(name = "half {0} -> float {1}")
    @CsvSource({
            "3C00, 3F800000",
            "0001, 33800000", // 2^-24
            "03FF, 387FC000", // largest subnormal
            "0400, 38800000",
            "7BFF, 477FE000", // 65504
            "7C00, 7F800000",
            "FC00, FF800000",
            "7E00, 7FC00000",
            "7C01, 7F802000", // signalling NaN payload kept
            "8000, 80000000",
            "3555, 3EAAA000", // 0.333251953125
    })
    void widensHalfExactly(String halfBits, String floatBits) {
        float value = FloatFormats.halfToFloat((short) Integer.parseInt(halfBits, 16));
        assertThat(String.format("%08X", Float.floatToRawIntBits(value))).isEqualTo(floatBits);
    }

    @Test
    void everyBf16AndHalfSurvivesTheRoundTrip() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            short pattern = (short) bits;
            float bf16 = FloatFormats.bf16ToFloat(pattern);
            float half = FloatFormats.halfToFloat(pattern);
            if (Float.isNaN(bf16)) {
                assertThat(FloatFormats.floatToBf16(bf16)).isEqualTo(FloatFormats.BF16_NAN);
            } else {
                assertThat(FloatFormats.floatToBf16(bf16)).as("bf16 %04X", bits).isEqualTo(pattern);
            }
            if (Float.isNaN(half)) {
                assertThat(FloatFormats.floatToHalf(half) & 0xFFFF).isEqualTo((bits & 0x8000) | 0x7E00);
            } else {
                assertThat(FloatFormats.floatToHalf(half)).as("half %04X", bits).isEqualTo(pattern);
            }
        }
    }

    @Test
    void bf16ToHalfRoundsAsTheFloat32Path() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            short pattern = (short) bits;
            assertThat(FloatFormats.bf16ToHalf(pattern)).as("bf16 %04X", bits)
                    .isEqualTo(FloatFormats.floatToHalf(FloatFormats.bf16ToFloat(pattern)));
        }
    }

    /** Compares with a brute-force oracle: the nearest representable value, ties to the even bit pattern. */
    @Test
    void randomFloatsRoundToTheNearestRepresentableValue() {
        NearestHalf nearestHalf = new NearestHalf();
        SplittableRandom random = new SplittableRandom(20240601);
        for (int i = 0; i < 200_000; i++) {
            int bits = randomFloatBits(random, i % 3);
            float value = Float.intBitsToFloat(bits);
            if (Float.isNaN(value)) {
                continue;
            }
            assertThat(FloatFormats.floatToBf16(value)).as("bf16 of %08X", bits).isEqualTo(nearestBf16(bits));
            assertThat(FloatFormats.floatToHalf(value)).as("half of %08X", bits).isEqualTo(nearestHalf.of(value));
        }
    }

    /** Kind 0: any bits. 1: |x| in [2^-31, 2^19), where halves live. 2: the same, on bf16 or half rounding ties. */
    private static int randomFloatBits(SplittableRandom random, int kind) {
        if (kind == 0) {
            return random.nextInt();
        }
        int sign = random.nextBoolean() ? 0x80000000 : 0;
        int exponent = 96 + random.nextInt(50);
        int mantissa = random.nextInt(1 << 23);
        if (kind == 2) {
            mantissa = (mantissa & ~0xFFFF) | (random.nextBoolean() ? 0x8000 : 0x1000);
        }
        return sign | exponent << 23 | mantissa;
    }

    private static short nearestBf16(int bits) {
        int below = bits & 0xFFFF0000; // same sign, magnitude truncated
        int above = below + 0x10000; // next magnitude (may step into infinity)
        double value = Math.abs((double) Float.intBitsToFloat(bits));
        double low = Math.abs((double) Float.intBitsToFloat(below));
        // Above the largest finite value, infinity stands where the next value would be with an unbounded exponent.
        double high = (above & 0x7FFFFFFF) == 0x7F800000 ? 0x1p128 : Math.abs((double) Float.intBitsToFloat(above));
        if ((bits & 0x7FFFFFFF) >= 0x7F800000) {
            return (short) (bits >>> 16);
        }
        double toLow = value - low;
        double toHigh = high - value;
        boolean up = toHigh < toLow || (toHigh == toLow && ((below >>> 16) & 1) == 1);
        return (short) ((up ? above : below) >>> 16);
    }

    /** Every non-negative finite half value in order, plus 65536 standing for infinity. */
    private static final class NearestHalf {
        private final double[] values = new double[0x7C01];

        NearestHalf() {
            for (int bits = 0; bits < 0x7C00; bits++) {
                values[bits] = FloatFormats.halfToFloat((short) bits);
            }
            values[0x7C00] = 65536.0;
        }

        short of(float value) {
            int sign = Float.floatToRawIntBits(value) < 0 ? 0x8000 : 0;
            double magnitude = Math.abs((double) value);
            if (magnitude >= 65536.0) {
                return (short) (sign | 0x7C00);
            }
            int index = Arrays.binarySearch(values, magnitude);
            if (index >= 0) {
                return (short) (sign | index);
            }
            int above = -index - 1;
            int below = above - 1;
            double toLow = magnitude - values[below];
            double toHigh = values[above] - magnitude;
            boolean up = toHigh < toLow || (toHigh == toLow && (below & 1) == 1);
            return (short) (sign | (up ? above : below));
        }
    }

    private static String hex(short bits) {
        return String.format("%04X", bits & 0xFFFF);
    }
}

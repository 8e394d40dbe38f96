package dev.wmdpjunit.rmu;

/**
 * The random stream of PyTorch's default CPU generator, so that a seed gives the control vector the official RMU
 * code would draw: after {@code torch.manual_seed(seed)}, {@code torch.rand(n)} (float32) is the first n outputs of
 * a 32-bit Mersenne Twister (MT19937) seeded with {@code seed}, each masked to 24 bits and scaled by 2^-24
 * ({@code at::uniform_real_distribution} for float). The generator state carries over between draws, as torch's does.
 */
final class TorchCpuRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;
    private static final int FLOAT_DIGITS = 24;

    private final int[] state = new int[N];
    private int index;

    /** The generator as {@code torch.manual_seed(seed)} leaves it (the seed is taken modulo 2^32, as MT19937 does). */
    TorchCpuRandom(long seed) {
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** {@code torch.rand(count)} in float32: uniform values in [0, 1). */
    float[] nextFloats(int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            long bits = Integer.toUnsignedLong(nextInt()) & ((1L << FLOAT_DIGITS) - 1);
            values[i] = (float) (bits * 0x1.0p-24);
        }
        return values;
    }

    private int nextInt() {
        if (index >= N) {
            twist();
        }
        int y = state[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (state[i] & UPPER_MASK) | (state[(i + 1) % N] & LOWER_MASK);
            state[i] = state[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        index = 0;
    }
}

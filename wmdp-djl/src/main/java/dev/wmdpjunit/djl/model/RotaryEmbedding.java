package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Rotary position embedding in HF's {@code rotate_half} convention: dimension i is paired with i + r/2 (not the
 * adjacent pairs of Meta's original code), for the first r = {@code rotaryDim} dimensions of each head; the
 * others pass through unchanged (GPT-NeoX partial rotary).
 */
final class RotaryEmbedding {

    /** cos and sin of {@code position * inv_freq}, duplicated to [T, rotaryDim], for the positions of T tokens. */
    record Tables(NDArray cos, NDArray sin) {
    }

    private final int rotaryDim;
    private final float base;

    RotaryEmbedding(int rotaryDim, double base) {
        this.rotaryDim = rotaryDim;
        this.base = (float) base;
    }

    /** The tables for the positions [T] (int64) of a row's tokens, computed with the float32 operations HF uses. */
    Tables tables(NDManager manager, NDArray positions) {
        // inv_freq = 1 / base ** (arange(0, r, 2).float() / r)
        NDArray exponents = manager.arange(0, rotaryDim, 2, DataType.INT64).toType(DataType.FLOAT32, false)
                .div(rotaryDim);
        NDArray inverseFrequencies = manager.create(1f).div(manager.create(base).pow(exponents));
        NDArray angles = positions.toType(DataType.FLOAT32, false).reshape(-1, 1).mul(inverseFrequencies.reshape(1, rotaryDim / 2));
        NDArray duplicated = angles.concat(angles, 1);
        return new Tables(duplicated.cos(), duplicated.sin());
    }

    /** Rotates x [B, heads, T, d]: {@code x * cos + rotate_half(x) * sin} on the first rotaryDim dimensions. */
    NDArray apply(NDArray x, Tables tables) {
        long headDim = x.getShape().getLastDimension();
        if (headDim == rotaryDim) {
            return rotate(x, tables);
        }
        int lastAxis = x.getShape().dimension() - 1;
        NDList parts = x.split(new long[] {rotaryDim}, lastAxis);
        return rotate(parts.get(0), tables).concat(parts.get(1), lastAxis);
    }

    private NDArray rotate(NDArray x, Tables tables) {
        int lastAxis = x.getShape().dimension() - 1;
        NDList halves = x.split(2, lastAxis);
        NDArray rotatedHalf = halves.get(1).neg().concat(halves.get(0), lastAxis);
        return x.mul(tables.cos()).add(rotatedHalf.mul(tables.sin()));
    }
}

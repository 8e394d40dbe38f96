package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.OptionalInt;

/**
 * Applies causal, padding and window masking to raw attention scores [B, heads, T, T] exactly as transformers
 * 4.40.2 eager attention does. Masked scores become {@code finfo(float32).min}, never -inf, so that a query with
 * no visible key (left padding) behaves as in HF instead of producing NaN.
 */
interface AttentionMask {

    /** {@code torch.finfo(torch.float32).min}. */
    float MASKED = -Float.MAX_VALUE;

    /**
     * The scores with masked positions replaced or offset, possibly in place. The mask is made for the longest
     * sequence of a pass; a shorter sequence uses its top-left corner (causal and window masking depend on
     * positions alone).
     *
     * @param scores     [B, heads, rows, keys]: the scores of queries firstQuery .. firstQuery + rows - 1 against
     *                   keys 0 .. keys - 1
     * @param firstQuery the sequence position of the first query row
     */
    NDArray apply(NDArray scores, long firstQuery);

    /**
     * Whether the mask hides padded keys. A real query always sees itself, so leaving out keys that no query of a
     * block may see changes none of its rows; but a query at a padded position may see no key at all and then, as
     * in HF, spreads its weight over every key.
     */
    boolean masksPadding();

    /** Query rows first .. first + rows - 1 and key columns 0 .. keys - 1 of a [*, *, T, T] table. */
    private static NDArray block(NDArray table, long first, long rows, long keys) {
        Shape shape = table.getShape();
        if (first == 0 && rows == shape.get(2) && keys == shape.get(3)) {
            return table;
        }
        return table.get(":, :, " + first + ":" + (first + rows) + ", :" + keys);
    }

    /** Key columns 0 .. keys - 1 of a [*, *, *, T] table. */
    private static NDArray keyColumns(NDArray table, long keys) {
        return keys == table.getShape().get(3) ? table : table.get(":, :, :, :" + keys);
    }

    private static long rows(NDArray scores) {
        return scores.getShape().get(2);
    }

    private static long keys(NDArray scores) {
        return scores.getShape().get(3);
    }

    /**
     * Llama, Mistral, Qwen2 and Mixtral: one additive bias, 0 where a key is visible and min elsewhere
     * (causal, padded key, or outside the window), added to the scores.
     *
     * @param paddingMask [B, T] with 1 for real tokens and 0 for padding, or null for no padding
     */
    static AttentionMask additive(NDManager manager, long seqLen, NDArray paddingMask, OptionalInt window,
                                  SlidingWindowRule rule) {
        NDArray positions = manager.arange(0, (int) seqLen, 1, DataType.INT64);
        NDArray query = positions.reshape(seqLen, 1);
        NDArray key = positions.reshape(1, seqLen);
        NDArray visible = key.lte(query);
        if (window.isPresent()) {
            int w = window.getAsInt();
            NDArray oldestVisible = rule == SlidingWindowRule.TRANSFORMERS_4_40 ? query.sub(w) : query.sub(w - 1);
            visible = visible.logicalAnd(key.gte(oldestVisible));
        }
        visible = visible.reshape(1, 1, seqLen, seqLen);
        if (paddingMask != null) {
            visible = visible.logicalAnd(paddingMask.eq(1).reshape(paddingMask.getShape().get(0), 1, 1, seqLen));
        }
        // (1 - visible) * min: 0 where visible (exactly -0.0, which leaves every score unchanged), min elsewhere
        NDArray bias = visible.toType(DataType.FLOAT32, false).neg().add(1f).mul(MASKED);
        boolean padded = paddingMask != null;
        return new AttentionMask() {
            @Override
            public NDArray apply(NDArray scores, long firstQuery) {
                // in place: the scores are a fresh product that nothing else reads, and autograd keeps the
                // operands of a matmul, not its result
                return scores.addi(block(bias, firstQuery, rows(scores), keys(scores)));
            }

            @Override
            public boolean masksPadding() {
                return padded;
            }
        };
    }

    /**
     * GPT-2 and GPT-NeoX: future keys are replaced by min, then {@code (1 - mask) * min} is added for padded
     * keys (a future padded key thus becomes -inf, as in HF; a row always keeps a finite entry).
     *
     * @param paddingMask [B, T] with 1 for real tokens and 0 for padding, or null for no padding
     */
    static AttentionMask causalThenPadding(NDManager manager, long seqLen, NDArray paddingMask) {
        NDArray positions = manager.arange(0, (int) seqLen, 1, DataType.INT64);
        NDArray causal = positions.reshape(1, seqLen).lte(positions.reshape(seqLen, 1)).reshape(1, 1, seqLen, seqLen);
        NDArray masked = manager.create(MASKED);
        boolean padded = paddingMask != null;
        NDArray paddingBias = paddingMask == null ? null
                : paddingMask.toType(DataType.FLOAT32, false).neg().add(1f).mul(MASKED)
                        .reshape(paddingMask.getShape().get(0), 1, 1, seqLen);
        return new AttentionMask() {
            @Override
            public NDArray apply(NDArray scores, long firstQuery) {
                Shape shape = scores.getShape();
                NDArray visible = block(causal, firstQuery, rows(scores), keys(scores)).broadcast(shape);
                NDArray causalScores = NDArrays.where(visible, scores, masked.broadcast(shape));
                return paddingBias == null ? causalScores : causalScores.add(keyColumns(paddingBias, keys(scores)));
            }

            @Override
            public boolean masksPadding() {
                return padded;
            }
        };
    }
}

package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Scaled dot-product attention with grouped-query heads, as HF eager attention computes it. */
final class Attention {

    private Attention() {
    }

    /**
     * {@code softmax(mask(q k^T / scoreDivisor)) v}.
     *
     * <p>Query head h uses key/value head {@code h / (heads / kvHeads)} (HF {@code repeat_kv}). Instead of copying
     * k and v per query head, the query heads of one group are folded into the row axis, so every group is one
     * matrix product.
     *
     * @param q [B, heads, T, d]
     * @param k [B, kvHeads, T, d]
     * @param v [B, kvHeads, T, d]
     * @return [B, heads, T, d]
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v, AttentionMask mask, double scoreDivisor) {
        Shape shape = q.getShape();
        long batch = shape.get(0);
        long heads = shape.get(1);
        long seqLen = shape.get(2);
        long headDim = shape.get(3);
        long kvHeads = k.getShape().get(1);
        long groupRows = heads / kvHeads * seqLen;
        NDArray scores = q.reshape(batch, kvHeads, groupRows, headDim)
                .matMul(k.transpose(0, 1, 3, 2))
                .reshape(batch, heads, seqLen, seqLen)
                .div(Blocks.scalar(q, (float) scoreDivisor));
        NDArray probabilities = mask.apply(scores).softmax(3);
        return probabilities.reshape(batch, kvHeads, groupRows, seqLen)
                .matMul(v)
                .reshape(batch, heads, seqLen, headDim);
    }
}

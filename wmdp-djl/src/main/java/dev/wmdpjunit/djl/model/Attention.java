package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/** Scaled dot-product attention with grouped-query heads, as HF eager attention computes it. */
final class Attention {

    private Attention() {
    }

    /**
     * Score elements (batch x heads x queries x keys) above which the queries are processed in chunks, each in its
     * own scope: 4M float32 scores are 16 MiB per intermediate (scores, scaled, masked, softmax), small enough for
     * glibc to reuse freed blocks rather than map fresh pages for each. Every query row is computed independently,
     * so chunking changes no value beyond the rounding of differently shaped products.
     */
    static final long MAX_SCORE_ELEMENTS = 4L << 20;

    /**
     * Query rows per block when the mask hides no padding: a block's scores then stop at its last query (later keys
     * are causally hidden), so attention over T queries computes about T^2 / 2 + T x 64 scores instead of T^2.
     */
    static final long QUERY_BLOCK = 128;

    /**
     * {@code softmax(mask((q / scoreDivisor) k^T)) v}. HF divides the scores rather than the queries; this order
     * divides T x d numbers instead of T x T, and differs in rounding only (not at all when the divisor is a power
     * of two, as sqrt(64) is).
     *
     * <p>Query head h uses key/value head {@code h / (heads / kvHeads)} (HF {@code repeat_kv}). Instead of copying
     * k and v per query head, the query heads of one group are folded into the row axis, so every group is one
     * matrix product. Long inputs are processed {@link #MAX_SCORE_ELEMENTS in chunks of queries}, so memory grows
     * with the sequence length, not its square; without padding the chunks are {@link #QUERY_BLOCK} rows at most
     * and see only the keys up to their last query. Each query row is computed independently, so chunking and key
     * trimming change no value beyond the rounding of differently shaped products and sums (the keys left out
     * would have weight exactly 0).
     *
     * @param q [B, heads, T, d]
     * @param k [B, kvHeads, T, d]
     * @param v [B, kvHeads, T, d]
     * @return [B, heads, T, d]
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v, AttentionMask mask, double scoreDivisor) {
        return attend(q, k, v, mask, scoreDivisor, MAX_SCORE_ELEMENTS, !mask.masksPadding());
    }

    /**
     * {@link #attend} for a caller that drops the rows of padded positions (a packed pass's grid): blocks of
     * queries see only the keys up to their last query whatever the padding, which changes no real row.
     */
    static NDArray attendRealRows(NDArray q, NDArray k, NDArray v, AttentionMask mask, double scoreDivisor) {
        return attend(q, k, v, mask, scoreDivisor, MAX_SCORE_ELEMENTS, true);
    }

    /** {@link #attend} with another chunking threshold and key trimming set by the caller (tests). */
    static NDArray attend(NDArray q, NDArray k, NDArray v, AttentionMask mask, double scoreDivisor,
                          long maxScoreElements, boolean trimKeys) {
        Shape shape = q.getShape();
        long seqLen = shape.get(2);
        long rowsPerChunk = Math.max(1, maxScoreElements / (shape.get(0) * shape.get(1) * seqLen));
        if (trimKeys) {
            rowsPerChunk = Math.min(rowsPerChunk, QUERY_BLOCK);
        }
        NDArray scaled = q.div(Blocks.scalar(q, (float) scoreDivisor));
        if (rowsPerChunk >= seqLen) {
            return attendRows(scaled, k, v, mask, 0);
        }
        NDList chunks = new NDList();
        for (long first = 0; first < seqLen; first += rowsPerChunk) {
            long from = first;
            long to = Math.min(seqLen, first + rowsPerChunk);
            String keys = ":, :, :" + (trimKeys ? to : seqLen) + ", :";
            chunks.add(CausalLm.scoped(() -> attendRows(scaled.get(":, :, " + from + ":" + to + ", :"), k.get(keys),
                    v.get(keys), mask, from)));
        }
        return NDArrays.concat(chunks, 2);
    }

    /**
     * Attention of the queries {@code q} [B, heads, rows, d], which are rows firstQuery.. of the sequence, over the
     * keys and values k, v [B, kvHeads, keys, d] at positions 0..keys-1.
     */
    private static NDArray attendRows(NDArray q, NDArray k, NDArray v, AttentionMask mask, long firstQuery) {
        Shape shape = q.getShape();
        long batch = shape.get(0);
        long heads = shape.get(1);
        long rows = shape.get(2);
        long headDim = shape.get(3);
        long kvHeads = k.getShape().get(1);
        long keys = k.getShape().get(2);
        long groupRows = heads / kvHeads * rows;
        NDArray scores = q.reshape(batch, kvHeads, groupRows, headDim)
                .matMul(k.transpose(0, 1, 3, 2))
                .reshape(batch, heads, rows, keys);
        NDArray probabilities = mask.apply(scores, firstQuery).softmax(3);
        return probabilities.reshape(batch, kvHeads, groupRows, keys)
                .matMul(v)
                .reshape(batch, heads, rows, headDim);
    }
}

package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/** The tensor operations that several architectures share, each matching its PyTorch/transformers original. */
final class Blocks {

    private Blocks() {
    }

    /**
     * {@code nn.Linear}: {@code x @ weight^T + bias}, weight stored [out, in]; bias may be null. A weight held in
     * float16 is widened to float32 for this product alone (see {@link ModelParameters}).
     */
    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        NDArray y = weight.getDataType() == DataType.FLOAT32 ? x.matMul(weight.transpose())
                : CausalLm.scoped(() -> x.matMul(weight.toType(DataType.FLOAT32, false).transpose()));
        return bias == null ? y : y.add(bias);
    }

    /** {@code x @ weight} for a weight stored [in, out] (GPT-2's Conv1D), widened like {@link #linear}'s. */
    static NDArray matMul(NDArray x, NDArray weight) {
        return weight.getDataType() == DataType.FLOAT32 ? x.matMul(weight)
                : CausalLm.scoped(() -> x.matMul(weight.toType(DataType.FLOAT32, false)));
    }

    /**
     * {@code nn.Embedding}: rows of {@code table} picked by integer ids, in float32 (rows of a float16 table are
     * widened); gradients flow into the table.
     */
    static NDArray embedding(NDArray ids, NDArray table) {
        NDArray rows = ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
        return rows.getDataType() == DataType.FLOAT32 ? rows : rows.toType(DataType.FLOAT32, false);
    }

    /**
     * A 0-d float32 array holding {@code value}, in {@code like}'s manager, whose memory torch owns. Use it instead of
     * DJL's {@code op(Number)} overloads wherever the operation can be differentiated: those wrap the number in an
     * array over a Java buffer that is freed once the array is closed, while autograd keeps the operand of mul, div,
     * pow and maximum for the backward pass, which would then read freed memory.
     */
    static NDArray scalar(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, DataType.FLOAT32);
    }

    /** HF RMSNorm: {@code x / sqrt(mean(x^2) + eps) * weight} over the last axis (eps inside the root, no centring). */
    static NDArray rmsNorm(NDArray x, NDArray weight, double eps) {
        NDArray meanSquare = x.square().mean(new int[] {x.getShape().dimension() - 1}, true);
        return x.div(meanSquare.add((float) eps).sqrt()).mul(weight);
    }

    /** {@code nn.LayerNorm} over the last axis (biased variance), through torch's own layer_norm. */
    static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias, double eps) {
        Shape normalized = new Shape(x.getShape().getLastDimension());
        return x.getNDArrayInternal().layerNorm(x, normalized, weight, bias, (float) eps).singletonOrThrow();
    }

    /** The gated feed-forward of Llama-style models: {@code down(act(gate(x)) * up(x))}, no biases. */
    static NDArray gatedMlp(NDArray x, NDArray gate, NDArray up, NDArray down, Activation activation) {
        // the gate projection and the activation's temporaries are freed before the up projection, and the up
        // projection before the down projection: at most three [tokens, intermediate] arrays are alive at once
        NDArray gated = CausalLm.scoped(() -> {
            NDArray activated = CausalLm.scoped(() -> activation.apply(linear(x, gate, null)));
            return activated.mul(linear(x, up, null));
        });
        return linear(gated, down, null);
    }

    /** [B, T, heads * d] to [B, heads, T, d]. */
    static NDArray splitHeads(NDArray x, long heads) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0), shape.get(1), heads, shape.get(2) / heads).transpose(0, 2, 1, 3);
    }

    /** [B, heads, T, d] to [B, T, heads * d]. */
    static NDArray mergeHeads(NDArray x) {
        Shape shape = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(shape.get(0), shape.get(2), shape.get(1) * shape.get(3));
    }
}

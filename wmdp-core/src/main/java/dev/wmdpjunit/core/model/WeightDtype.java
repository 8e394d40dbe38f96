package dev.wmdpjunit.core.model;

import dev.wmdpjunit.core.Identified;

/**
 * The precision a backend holds a model's weights in ({@code wmdp.dtype}): the values are those the checkpoint's
 * weights take when rounded to this type, as transformers' {@code torch_dtype} gives them. How the backend stores
 * and computes with them is its own business, within its documented tolerance.
 */
public enum WeightDtype implements Identified {
    BFLOAT16("bfloat16", 2),
    FLOAT16("float16", 2),
    FLOAT32("float32", 4);

    private final String id;
    private final int bytes;

    WeightDtype(String id, int bytes) {
        this.id = id;
        this.bytes = bytes;
    }

    /** The name used in configuration, as torch names the dtype. */
    @Override
    public String id() {
        return id;
    }

    /** Bytes per weight. */
    public int bytes() {
        return bytes;
    }

    public static WeightDtype fromId(String id) {
        return Identified.byId(WeightDtype.class, id, "weight dtype");
    }
}

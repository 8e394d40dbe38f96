package dev.wmdpjunit.djl.safetensors;

import ai.djl.ndarray.types.Shape;

/**
 * One tensor as a safetensors header describes it. {@code begin} and {@code end} are byte offsets relative to
 * the start of the data region (the first byte after the header).
 */
record TensorEntry(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {

    long elementCount() {
        long count = 1;
        for (long dimension : shape) {
            count *= dimension;
        }
        return count;
    }

    long byteLength() {
        return end - begin;
    }

    Shape djlShape() {
        return new Shape(shape);
    }
}

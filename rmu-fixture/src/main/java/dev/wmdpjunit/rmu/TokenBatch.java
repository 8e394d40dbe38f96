package dev.wmdpjunit.rmu;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Arrays;

/**
 * One tokenized batch as the official code feeds it to the model: token ids [B, T] and the attention mask
 * [B, T] (1 = real token, 0 = padding).
 */
public record TokenBatch(long[][] inputIds, long[][] attentionMask) {

    public TokenBatch {
        if (inputIds.length == 0 || inputIds.length != attentionMask.length) {
            throw new IllegalArgumentException("a batch needs at least one row and one mask row per id row, got "
                    + inputIds.length + " id rows and " + attentionMask.length + " mask rows");
        }
        int length = inputIds[0].length;
        for (int row = 0; row < inputIds.length; row++) {
            if (inputIds[row].length != length || attentionMask[row].length != length) {
                throw new IllegalArgumentException("row " + row + " has " + inputIds[row].length + " ids and "
                        + attentionMask[row].length + " mask values; every row must have " + length);
            }
        }
        inputIds = Arrays.stream(inputIds).map(long[]::clone).toArray(long[][]::new);
        attentionMask = Arrays.stream(attentionMask).map(long[]::clone).toArray(long[][]::new);
    }

    /** Rows in the batch. */
    public int size() {
        return inputIds.length;
    }

    /** Tokens per row, padding included. */
    public int length() {
        return inputIds[0].length;
    }

    NDArray inputIds(NDManager manager) {
        return manager.create(inputIds);
    }

    NDArray attentionMask(NDManager manager) {
        return manager.create(attentionMask);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenBatch that && Arrays.deepEquals(inputIds, that.inputIds)
                && Arrays.deepEquals(attentionMask, that.attentionMask);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(inputIds) + Arrays.deepHashCode(attentionMask);
    }

    @Override
    public String toString() {
        return "TokenBatch[" + size() + " x " + length() + "]";
    }
}

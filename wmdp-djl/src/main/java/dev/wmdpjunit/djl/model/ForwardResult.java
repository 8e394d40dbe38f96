package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The outputs of one forward pass over [B, T] tokens. All arrays belong to the NDManager of the input ids;
 * {@link #close()} frees them early.
 */
public final class ForwardResult implements AutoCloseable {

    private final NDArray logits;
    private final List<NDArray> hiddenStates;
    private final List<NDArray> layerOutputs;
    private final List<NDArray> routerLogits;

    ForwardResult(NDArray logits, List<NDArray> hiddenStates, List<NDArray> layerOutputs,
                  List<NDArray> routerLogits) {
        this.logits = logits;
        this.hiddenStates = hiddenStates == null ? null : List.copyOf(hiddenStates);
        this.layerOutputs = layerOutputs == null ? null : List.copyOf(layerOutputs);
        this.routerLogits = routerLogits == null ? null : List.copyOf(routerLogits);
    }

    /** [B, T, vocab] float32, the raw lm-head output. */
    public NDArray logits() {
        return logits;
    }

    /**
     * HF {@code output_hidden_states}, L + 1 arrays of [B, T, hidden]: [0] the embedding output, [i] the output
     * of layer i-1 for 1 ≤ i < L, [L] the final norm applied to the last layer's output.
     */
    public List<NDArray> hiddenStates() {
        return requested(hiddenStates, "hidden states");
    }

    /** L arrays of [B, T, hidden]: the raw output of every decoder layer (before the final norm). */
    public List<NDArray> layerOutputs() {
        return requested(layerOutputs, "layer outputs");
    }

    /** L arrays of [B, T, experts]: router logits before the softmax (mixture-of-experts models). */
    public List<NDArray> routerLogits() {
        return requested(routerLogits, "router logits");
    }

    /** Every array of this result (an array may appear in several lists). */
    List<NDArray> arrays() {
        List<NDArray> all = new ArrayList<>();
        all.add(logits);
        Stream.of(hiddenStates, layerOutputs, routerLogits).filter(Objects::nonNull).forEach(all::addAll);
        return all;
    }

    @Override
    public void close() {
        arrays().forEach(NDArray::close);
    }

    private static List<NDArray> requested(List<NDArray> arrays, String what) {
        if (arrays == null) {
            throw new IllegalStateException(what + " were not requested in the ForwardOptions");
        }
        return arrays;
    }
}

package dev.wmdpjunit.core.model;

import java.util.List;

/**
 * Optional capability of a {@link LanguageModel} that runs in this process: it can return its hidden states, as
 * Hugging Face's {@code output_hidden_states} numbers them (index 0 the embedding output, index i the output of
 * decoder layer i - 1, index {@link #hiddenLayers()} the final norm of the last layer). The caller checks
 * {@code model instanceof HiddenStateModel}; a backend without it cannot run the linear probe.
 */
public interface HiddenStateModel {

    /** The number of decoder layers: valid indices are 0 to this number. */
    int hiddenLayers();

    /**
     * The hidden states at the last token of each token sequence (left-truncated to the model's context length).
     *
     * @param tokens  token ids, as the model was fed them for scoring
     * @param indices hidden-state indices, each in 0 .. {@link #hiddenLayers()}
     * @return {@code [sequence][index position][hidden size]}
     */
    float[][][] lastTokenHiddenStates(List<int[]> tokens, int[] indices);
}

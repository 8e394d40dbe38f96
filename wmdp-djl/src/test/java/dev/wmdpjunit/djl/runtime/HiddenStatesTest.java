package dev.wmdpjunit.djl.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.djl.model.ForwardOptions;
import dev.wmdpjunit.djl.model.ForwardResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The linear probe's hidden states: HF's output_hidden_states at the last token, per sequence. */
class HiddenStatesTest {

    private static final Path SOURCE = SharedFolders.stories260k();
    /** "Once upon a time, there was a little dog named" with BOS. */
    private static final int[] PROMPT = {1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 400, 428, 395};

    @Test
    void lastTokenStatesAreTheForwardPassesStatesAtTheLastPosition() {
        int[] prefix = Arrays.copyOf(PROMPT, 7);
        try (DjlLanguageModel model = DjlLanguageModel.open(SOURCE, new ModelOptions(4, 0));
             NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            int layers = model.hiddenLayers();
            assertThat(layers).isEqualTo(5);
            float[][][] states = model.lastTokenHiddenStates(List.of(PROMPT, prefix), new int[] {0, 2, layers});

            long[] ids = Arrays.stream(PROMPT).asLongStream().toArray();
            try (ForwardResult full = model.causalLm().forward(manager.create(ids).expandDims(0), null,
                    ForwardOptions.LOGITS.withHiddenStates())) {
                int[] indices = {0, 2, layers};
                for (int i = 0; i < indices.length; i++) {
                    List<ai.djl.ndarray.NDArray> hidden = full.hiddenStates();
                    assertThat(states[0][i]).containsExactly(hidden.get(indices[i]).get(0, PROMPT.length - 1)
                            .toFloatArray());
                    // Causal: the prefix's last state is the full sequence's state at that position.
                    float[] atPrefixEnd = hidden.get(indices[i]).get(0, prefix.length - 1).toFloatArray();
                    for (int d = 0; d < atPrefixEnd.length; d++) {
                        assertThat(states[1][i][d]).isCloseTo(atPrefixEnd[d],
                                org.assertj.core.api.Assertions.within(1e-5f));
                    }
                }
            }
            assertThat(states[0][0]).hasSize(64);
            assertThatThrownBy(() -> model.lastTokenHiddenStates(List.of(PROMPT), new int[] {layers + 1}))
                    .hasMessageContaining("out of range 0..5");
        }
    }
}

package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.wmdpjunit.djl.runtime.DjlLanguageModel;
import java.util.Arrays;

/**
 * Greedy decoding as HF {@code generate(do_sample=False, num_beams=1)}, for the tests that compare generations with
 * transformers' (the goldens). Test code: scoring never generates. Each step runs the whole sequence again through
 * the public {@link CausalLm#logitsAt} (no key/value cache).
 */
public final class GreedyDecoding {

    private GreedyDecoding() {
    }

    /**
     * Appends the argmax token until {@code maxNewTokens} were added or an {@code eos_token_id} of the config was
     * produced (it is kept).
     *
     * @return the prompt followed by the generated ids
     */
    public static long[] generate(CausalLm model, long[] promptIds, int maxNewTokens) {
        if (promptIds.length == 0 || maxNewTokens < 0) {
            throw new IllegalArgumentException("need a non-empty prompt and maxNewTokens >= 0");
        }
        long[] sequence = Arrays.copyOf(promptIds, promptIds.length + maxNewTokens);
        int length = promptIds.length;
        try (NDManager manager = NDManager.newBaseManager()) {
            while (length < sequence.length) {
                long next;
                try (NDManager step = manager.newSubManager()) {
                    NDArray ids = step.create(Arrays.copyOf(sequence, length)).reshape(1, length);
                    next = model.logitsAt(ids, null, step.create(new long[] {length - 1})).reshape(-1).argMax()
                            .getLong();
                }
                sequence[length++] = next;
                if (model.config().eosTokenIds().contains(next)) {
                    break;
                }
            }
        }
        return Arrays.copyOf(sequence, length);
    }

    /**
     * From a text prompt, encoded with special tokens (BOS for Llama) as HF {@code generate} receives it.
     *
     * @return the whole sequence, prompt included, decoded with special tokens skipped
     */
    public static String generate(DjlLanguageModel model, String prompt, int maxNewTokens) {
        long[] prompted = Arrays.stream(model.tokenizer().encode(prompt, true)).asLongStream().toArray();
        long[] sequence = generate(model.causalLm(), prompted, maxNewTokens);
        return model.tokenizer().decode(Arrays.stream(sequence).mapToInt(Math::toIntExact).toArray());
    }
}

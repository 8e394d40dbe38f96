package dev.wmdpjunit.core.model;

import java.util.OptionalInt;

/** The tokenizer a {@link LanguageModel} was trained with. */
public interface Tokenizer {

    /**
     * Encodes text to token ids.
     *
     * @param addSpecialTokens whether to add the tokenizer's default special tokens (for Llama: BOS),
     *                         as Hugging Face's {@code encode(text, add_special_tokens=...)}
     */
    int[] encode(String text, boolean addSpecialTokens);

    /** Decodes ids back to text (special tokens skipped). */
    String decode(int[] ids);

    /** The beginning-of-sequence id, if the tokenizer has one. */
    OptionalInt bosTokenId();

    /** The end-of-sequence id, if the tokenizer has one. */
    OptionalInt eosTokenId();

    /** Text of the BOS token (for example {@code <s>}), if any: lm-eval skips adding BOS when a string starts with it. */
    default java.util.Optional<String> bosToken() {
        return java.util.Optional.empty();
    }
}

package dev.wmdpjunit.rmu;

import dev.wmdpjunit.core.model.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tokenizes a batch of texts as the official code's
 * {@code tokenizer(batch, return_tensors="pt", padding=True, truncation=True, max_length=n)} with the tokenizer
 * {@code load_model} sets up: special tokens added (for Llama and Mistral a BOS), truncation on the right to at most
 * {@code max_length} tokens counting the special tokens (the text is cut, the special tokens stay), padding on the
 * LEFT to the longest row with pad = EOS, attention mask 0 on padding.
 *
 * <p>The official code loads the slow (sentencepiece) tokenizer, {@code use_fast=False}; this uses the model's
 * {@code tokenizer.json}. For Llama-family tokenizers the two agree on ordinary text.
 */
public final class BatchEncoder {

    private final Tokenizer tokenizer;
    private final long padId;

    /** @throws IllegalArgumentException if the tokenizer has no EOS token to pad with */
    public BatchEncoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.padId = tokenizer.eosTokenId().orElseThrow(() -> new IllegalArgumentException(
                "the tokenizer has no EOS token; RMU pads with EOS as the official code does"));
    }

    /** Encodes the texts of one batch, truncated to {@code maxLength} tokens each. */
    public TokenBatch encode(List<String> texts, int maxLength) {
        if (texts.isEmpty() || maxLength < 1) {
            throw new IllegalArgumentException("need at least one text and maxLength >= 1");
        }
        List<int[]> rows = new ArrayList<>(texts.size());
        for (String text : texts) {
            rows.add(truncated(text, maxLength));
        }
        int length = rows.stream().mapToInt(r -> r.length).max().orElseThrow();
        long[][] ids = new long[rows.size()][length];
        long[][] mask = new long[rows.size()][length];
        for (int row = 0; row < rows.size(); row++) {
            int[] tokens = rows.get(row);
            int padding = length - tokens.length;
            Arrays.fill(ids[row], 0, padding, padId);
            for (int i = 0; i < tokens.length; i++) {
                ids[row][padding + i] = tokens[i];
                mask[row][padding + i] = 1;
            }
        }
        return new TokenBatch(ids, mask);
    }

    /** The ids with special tokens, the text part cut on the right so that the whole fits {@code maxLength}. */
    private int[] truncated(String text, int maxLength) {
        int[] withSpecial = tokenizer.encode(text, true);
        if (withSpecial.length <= maxLength) {
            return withSpecial;
        }
        int[] content = tokenizer.encode(text, false);
        int prefix = indexOf(withSpecial, content);
        if (prefix < 0) {
            throw new IllegalStateException("cannot truncate: the tokenizer's encoding with special tokens does not"
                    + " contain its encoding without them, for a text starting " + abbreviate(text));
        }
        int suffix = withSpecial.length - prefix - content.length;
        int kept = maxLength - prefix - suffix;
        if (kept < 0) {
            throw new IllegalArgumentException("maxLength " + maxLength + " is shorter than the " + (prefix + suffix)
                    + " special tokens the tokenizer adds");
        }
        int[] result = new int[maxLength];
        System.arraycopy(withSpecial, 0, result, 0, prefix + kept);
        System.arraycopy(withSpecial, prefix + content.length, result, prefix + kept, suffix);
        return result;
    }

    private static int indexOf(int[] haystack, int[] needle) {
        for (int start = 0; start + needle.length <= haystack.length; start++) {
            if (Arrays.equals(haystack, start, start + needle.length, needle, 0, needle.length)) {
                return start;
            }
        }
        return -1;
    }

    private static String abbreviate(String text) {
        return '"' + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + '"';
    }
}

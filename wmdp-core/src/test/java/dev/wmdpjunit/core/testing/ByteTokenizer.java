package dev.wmdpjunit.core.testing;

import dev.wmdpjunit.core.model.Tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The toy byte-level tokenizer of the lm-eval golden file ({@code LM_EVAL_SCORING.md} section 8): id 0 is
 * {@code <pad>}, 1 is BOS {@code <s>}, 2 is EOS {@code </s>}, and byte {@code b} of the UTF-8 encoding is id
 * {@code b + 3}. Encoding with special tokens prepends BOS, like a Llama tokenizer. The text {@code <s>} is
 * encoded as its bytes, never as the BOS id. The vocabulary has 512 ids; 259..511 are never produced.
 */
public final class ByteTokenizer implements Tokenizer {

    public static final int PAD_ID = 0;
    public static final int BOS_ID = 1;
    public static final int EOS_ID = 2;
    public static final int VOCAB_SIZE = 512;
    private static final int BYTE_OFFSET = 3;

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int prefix = addSpecialTokens ? 1 : 0;
        int[] ids = new int[prefix + bytes.length];
        if (addSpecialTokens) {
            ids[0] = BOS_ID;
        }
        for (int i = 0; i < bytes.length; i++) {
            ids[prefix + i] = Byte.toUnsignedInt(bytes[i]) + BYTE_OFFSET;
        }
        return ids;
    }

    /** Decodes byte ids, skipping pad, BOS and EOS; ids above the byte range have no text and are rejected. */
    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= BYTE_OFFSET + 256) {
                throw new IllegalArgumentException("token " + id + " at index " + i
                        + " is not a byte token of the toy tokenizer (ids 3..258)");
            }
            if (id >= BYTE_OFFSET) {
                bytes.write(id - BYTE_OFFSET);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public OptionalInt bosTokenId() {
        return OptionalInt.of(BOS_ID);
    }

    @Override
    public OptionalInt eosTokenId() {
        return OptionalInt.of(EOS_ID);
    }

    @Override
    public Optional<String> bosToken() {
        return Optional.of("<s>");
    }
}

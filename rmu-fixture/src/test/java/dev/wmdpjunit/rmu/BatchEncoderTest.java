package dev.wmdpjunit.rmu;

import dev.wmdpjunit.core.testing.ByteTokenizer;
import dev.wmdpjunit.core.testing.SharedFolder;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchEncoderTest {

    private static final long EOS = ByteTokenizer.EOS_ID;
    private static final long BOS = ByteTokenizer.BOS_ID;

    private final BatchEncoder encoder = new BatchEncoder(new ByteTokenizer());

    @Test
    void padsOnTheLeftWithEosAndMasksThePadding() {
        TokenBatch batch = encoder.encode(List.of("ab", "abcd"), 512);
        // byte b is id b + 3: 'a' = 100
        assertThat(batch.inputIds()).isDeepEqualTo(new long[][] {
                {EOS, EOS, BOS, 100, 101}, {BOS, 100, 101, 102, 103}});
        assertThat(batch.attentionMask()).isDeepEqualTo(new long[][] {{0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}});
    }

    @Test
    void truncatesTheTextOnTheRightAndKeepsTheSpecialTokens() {
        TokenBatch batch = encoder.encode(List.of("abcdefgh", "ab"), 4);
        assertThat(batch.inputIds()).isDeepEqualTo(new long[][] {{BOS, 100, 101, 102}, {EOS, BOS, 100, 101}});
        assertThat(batch.length()).isEqualTo(4);
    }

    @Test
    void usesTheModelTokenizerWithItsBos() {
        try (HfTokenizer tokenizer = HfTokenizer.load(SharedFolder.root().resolve("models/stories260K"))) {
            BatchEncoder hf = new BatchEncoder(tokenizer);
            String text = "Once upon a time there was a little dog.";
            int[] expected = tokenizer.encode(text, true);
            TokenBatch batch = hf.encode(List.of(text, "Hi"), 512);
            assertThat(expected[0]).isEqualTo(tokenizer.bosTokenId().getAsInt());
            assertThat(batch.inputIds()[0]).containsExactly(java.util.Arrays.stream(expected).asLongStream().toArray());
            long eos = tokenizer.eosTokenId().getAsInt();
            int padding = expected.length - tokenizer.encode("Hi", true).length;
            for (int i = 0; i < padding; i++) {
                assertThat(batch.inputIds()[1][i]).isEqualTo(eos);
                assertThat(batch.attentionMask()[1][i]).isZero();
            }
            TokenBatch cut = hf.encode(List.of(text), 5);
            assertThat(cut.inputIds()[0]).containsExactly(java.util.Arrays.stream(expected, 0, 5).asLongStream().toArray());
        }
    }
}

package dev.wmdpjunit.core.scoring;

import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.Tokenizer;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.testing.ByteTokenizer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestEncoderTest {

    private static final ByteTokenizer BYTES = new ByteTokenizer();
    /** " A" in the byte tokenizer. */
    private static final int[] SPACE_A = {35, 68};

    @Test
    void withoutSpecialTokensTheContextIsItsBytesAndTheContinuationTheRest() {
        LoglikelihoodRequest request = new RequestEncoder(BYTES, PromptFormat.LM_EVAL_0_4_4).encode("Answer:", " A");

        assertThat(request.context()).containsExactly(BYTES.encode("Answer:", false));
        assertThat(request.continuation()).containsExactly(SPACE_A);
    }

    @Test
    void lmEval0492AddsBosToTheContextOnly() {
        LoglikelihoodRequest request = new RequestEncoder(BYTES, PromptFormat.LM_EVAL_0_4_9_2).encode("Answer:", " A");

        assertThat(request.context()).startsWith(ByteTokenizer.BOS_ID).hasSize("Answer:".length() + 1);
        assertThat(request.continuation()).containsExactly(SPACE_A);
    }

    @Test
    void aStringThatStartsWithTheBosTextGetsNoSecondBos() {
        RequestEncoder encoder = new RequestEncoder(BYTES, PromptFormat.LM_EVAL_0_4_9_2);

        assertThat(encoder.tokEncode("<s>Answer:")).containsExactly(BYTES.encode("<s>Answer:", false));
        assertThat(encoder.tokEncode(" <s>Answer:")).startsWith(ByteTokenizer.BOS_ID);
    }

    @Test
    void trailingWhitespaceOfTheContextMovesToTheContinuation() {
        RequestEncoder encoder = new RequestEncoder(BYTES, PromptFormat.LM_EVAL_0_4_4);

        LoglikelihoodRequest request = encoder.encode("Answer: ", "A");
        LoglikelihoodRequest noBreakSpace = encoder.encode("Answer:\u00A0", "A");

        assertThat(request.context()).containsExactly(BYTES.encode("Answer:", false));
        assertThat(request.continuation()).containsExactly(SPACE_A);
        assertThat(noBreakSpace.context()).containsExactly(BYTES.encode("Answer:", false));
        assertThat(noBreakSpace.continuation()).containsExactly(BYTES.encode("\u00A0A", false));
    }

    @Test
    void theContinuationIsTheTailOfTheWholeEncodingNotItsOwnEncoding() {
        // ": " merges into one token, so the whole "Answer: A" ends [..., ": ", "A"] while "Answer:" ends [..., ":"].
        Tokenizer merging = new CharTokenizer();
        LoglikelihoodRequest request = new RequestEncoder(merging, PromptFormat.LM_EVAL_0_4_4).encode("Answer:", " A");

        assertThat(request.context()).containsExactly(merging.encode("Answer:", false));
        assertThat(request.continuation()).containsExactly('A');
    }

    @Test
    void anEmptyContextIsTheBosTokenAndTheContinuationIsEncodedAlone() {
        LoglikelihoodRequest plain = new RequestEncoder(BYTES, PromptFormat.LM_EVAL_0_4_4).encode("", " A");
        LoglikelihoodRequest withBos = new RequestEncoder(BYTES, PromptFormat.LM_EVAL_0_4_9_2).encode("", " A");

        assertThat(plain.context()).containsExactly(ByteTokenizer.BOS_ID);
        assertThat(plain.continuation()).containsExactly(SPACE_A);
        // lm-eval encodes the continuation with tok_encode's default, which in 0.4.9.2 adds BOS to it as well.
        assertThat(withBos.context()).containsExactly(ByteTokenizer.BOS_ID);
        assertThat(withBos.continuation()).containsExactly(ByteTokenizer.BOS_ID, 35, 68);
    }

    @Test
    void anEmptyContextFallsBackToEosWithoutBos() {
        LoglikelihoodRequest request = new RequestEncoder(new CharTokenizer(), PromptFormat.LM_EVAL_0_4_4)
                .encode("", " A");

        assertThat(request.context()).containsExactly(CharTokenizer.EOS_ID);
    }

    @Test
    void aContinuationThatEncodesToNothingIsRejected() {
        assertThatThrownBy(() -> new RequestEncoder(BYTES, PromptFormat.LM_EVAL_0_4_4).encode("Answer:", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no tokens")
                .hasMessageContaining("Answer:");
    }

    @Test
    void encodingTheChoicesTogetherGivesEachPairsRequestAndEncodesTheContextOnce() {
        CharTokenizer merging = new CharTokenizer();
        RequestEncoder encoder = new RequestEncoder(merging, PromptFormat.LM_EVAL_0_4_4);
        List<String> continuations = List.of(" A", " B", "C");

        for (String context : List.of("Answer:", "Answer: ", "Answer:\n\n", "")) {
            int before = merging.calls;
            List<LoglikelihoodRequest> together = encoder.encodeChoices(context, continuations);
            int calls = merging.calls - before;

            assertThat(together).as("'%s'", context).containsExactly(encoder.encode(context, " A"),
                    encoder.encode(context, " B"), encoder.encode(context, "C"));
            assertThat(calls).as("'%s'", context).isEqualTo(context.isEmpty() ? 3 : 4);
        }
        assertThatThrownBy(() -> encoder.encodeChoices("Answer:", List.of(" A", "")))
                .hasMessageContaining("continuation '' encodes to no tokens");
    }

    /** One token per char, except that ": " is the single token 1000; EOS 2 and no BOS. */
    private static final class CharTokenizer implements Tokenizer {
        static final int EOS_ID = 2;
        int calls;

        @Override
        public int[] encode(String text, boolean addSpecialTokens) {
            calls++;
            IntStream.Builder ids = IntStream.builder();
            for (int i = 0; i < text.length(); i++) {
                if (text.startsWith(": ", i)) {
                    ids.add(1000);
                    i++;
                } else {
                    ids.add(text.charAt(i));
                }
            }
            return ids.build().toArray();
        }

        @Override
        public String decode(int[] ids) {
            StringBuilder text = new StringBuilder();
            for (int id : ids) {
                text.append(id == 1000 ? ": " : String.valueOf((char) id));
            }
            return text.toString();
        }

        @Override
        public OptionalInt bosTokenId() {
            return OptionalInt.empty();
        }

        @Override
        public OptionalInt eosTokenId() {
            return OptionalInt.of(EOS_ID);
        }

        @Override
        public Optional<String> bosToken() {
            return Optional.empty();
        }
    }
}

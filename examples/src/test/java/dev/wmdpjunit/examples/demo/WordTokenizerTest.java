package dev.wmdpjunit.examples.demo;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.prompt.MultipleChoicePrompt;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.scoring.RequestEncoder;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated tokenizer, run by the real Hugging Face tokenizers library through {@link HfTokenizer}. */
class WordTokenizerTest {

    private static final DemoDataset DATASET = DemoDataset.generate(RegenerateDemo.SEED);
    private static WordTokenizer tokenizer;
    private static HfTokenizer hf;

    @BeforeAll
    static void load(@TempDir Path directory) throws IOException {
        tokenizer = RegenerateDemo.tokenizerFor(DATASET);
        tokenizer.write(directory);
        DemoModelConfig.write(tokenizer, directory);
        hf = HfTokenizer.load(directory);
    }

    @AfterAll
    static void close() {
        hf.close();
    }

    @Test
    void everyTrainingTextRoundTripsWithoutUnknownTokens() {
        int unk = tokenizer.id(WordTokenizer.UNK);
        for (String text : DATASET.trainingTexts()) {
            int[] ids = hf.encode(text, false);
            assertThat(ids).doesNotContain(unk);
            assertThat(ids).hasSize(WordTokenizer.pieces(text).size());
            assertThat(hf.decode(ids)).isEqualTo(text);
        }
    }

    @Test
    void idsAreThePiecesInVocabularyOrder() {
        String text = "Question: What colour is it?\nAnswer: teal";
        List<Integer> expected = new ArrayList<>();
        for (String piece : WordTokenizer.pieces(text)) {
            expected.add(tokenizer.id(piece));
        }
        assertThat(WordTokenizer.pieces(text)).containsExactly("Question", ":", " What", " colour", " is", " it", "?",
                "\n", "Answer", ":", " teal");
        assertThat(Arrays.stream(hf.encode(text, false)).boxed().toList()).isEqualTo(expected);
    }

    @Test
    void unknownWordsBecomeUnk() {
        assertThat(hf.encode(" zzzz", false)).containsExactly(tokenizer.id(WordTokenizer.UNK));
    }

    @Test
    void specialTokensAreLlamaLike() {
        assertThat(hf.bosTokenId()).hasValue(tokenizer.id(WordTokenizer.BOS));
        assertThat(hf.eosTokenId()).hasValue(tokenizer.id(WordTokenizer.EOS));
        assertThat(hf.bosToken()).hasValue(WordTokenizer.BOS);
        String text = "Answer: teal";
        int[] withBos = hf.encode(text, true);
        assertThat(withBos[0]).isEqualTo(tokenizer.id(WordTokenizer.BOS));
        assertThat(Arrays.copyOfRange(withBos, 1, withBos.length)).containsExactly(hf.encode(text, false));
        assertThat(hf.decode(withBos)).isEqualTo(text);
        assertThat(hf.decode(withBos, false)).isEqualTo(WordTokenizer.BOS + text);
    }

    @Test
    void everyChoiceIsASingleTokenInEveryPromptFormat() {
        for (PromptFormat format : PromptFormat.values()) {
            RequestEncoder encoder = new RequestEncoder(hf, format);
            for (DemoDomain domain : DemoDomain.values()) {
                Question question = DATASET.domain(domain).questions().get(0);
                MultipleChoicePrompt prompt = domain.template(format).render(question);
                for (String choice : prompt.continuations()) {
                    LoglikelihoodRequest request = encoder.encode(prompt.context(), choice);
                    assertThat(request.continuation()).containsExactly(tokenizer.id(choice));
                    assertThat(request.context()[0] == tokenizer.id(WordTokenizer.BOS))
                            .isEqualTo(format.addSpecialTokens());
                }
            }
        }
    }
}

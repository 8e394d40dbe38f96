package dev.wmdpjunit.examples.demo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.ModelConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The trainer can make the demo architecture memorise key-value pairs: the smallest task the demo depends on. */
class TrainingLearnsPairsTest {

    @ParameterizedTest
    @ValueSource(ints = {0}) // gap 2 learns only partly in 300 steps (39/40 on one thread, 21/40 on two): see examples README
    void memorisesPairs(int gap) {
        int pairs = 40;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            words.add("k" + i);
            words.add("v" + i);
        }
        words.add("is");
        words.add("so");
        WordTokenizer tokenizer = WordTokenizer.covering(List.of(" " + String.join(" ", words)));
        ModelConfig config = DemoModelConfig.modelConfig(tokenizer, "pairs");
        Random random = new Random(7);
        int[] value = new int[pairs];
        List<int[]> sequences = new ArrayList<>();
        for (int k = 0; k < pairs; k++) {
            value[k] = random.nextInt(pairs);
            int[] s = new int[4 + gap];
            s[0] = tokenizer.id(WordTokenizer.BOS);
            s[1] = tokenizer.id(" k" + k);
            for (int g = 0; g < gap; g++) {
                s[2 + g] = tokenizer.id(g % 2 == 0 ? " is" : " so");
            }
            s[2 + gap] = tokenizer.id(" v" + value[k]);
            s[3 + gap] = tokenizer.id(WordTokenizer.EOS);
            sequences.add(s);
        }
        try (CausalLm model = CausalLm.load(config, new InitialWeights(config, 1));
             NDManager manager = NDManager.newBaseManager()) {
            DemoTrainer.train(model, sequences, tokenizer.id(WordTokenizer.PAD),
                    new TrainingSettings(300, 16, 3e-3f, 20, 1), System.out::println, () -> "");
            int right = 0;
            for (int k = 0; k < pairs; k++) {
                int[] s = sequences.get(k);
                long[] prefix = new long[2 + gap];
                for (int t = 0; t < prefix.length; t++) {
                    prefix[t] = s[t];
                }
                NDArray logits = model.logits(manager.create(prefix, new Shape(1, prefix.length)), null);
                long predicted = logits.get("0, -1").argMax().getLong();
                right += predicted == s[2 + gap] ? 1 : 0;
            }
            System.out.println("gap " + gap + ": " + right + "/" + pairs);
            assertThat(right).isGreaterThanOrEqualTo(pairs * 9 / 10);
        }
    }
}

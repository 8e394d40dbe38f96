package dev.wmdpjunit.engine.testing;

import dev.wmdpjunit.core.model.HiddenStateModel;
import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.QuantizableModel;
import dev.wmdpjunit.core.model.Tokenizer;
import dev.wmdpjunit.core.model.WeightQuantization;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.testing.ByteTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Random;
import java.util.List;
import java.util.Map;

/**
 * A deterministic stand-in for a causal LM. It reads the question back out of each prompt (byte tokenizer) and
 * looks it up in its answer key: a question it "knows" gets the letter where the gold text stands in the prompt,
 * any other gets the next letter (always wrong). A key may hide known answers ({@link FakeCheckpoint.Hiding}):
 * while the choices are in their original order, or in zero-shot prompts; hidden answers are wrong. In the continuation style, where each choice text is scored, a known question's gold text
 * scores highest and an unknown one's lowest. The highest loglikelihood is the predicted letter, so its accuracy is exactly the share of
 * known questions.
 */
class FakeLanguageModel implements LanguageModel {

    private final Tokenizer tokenizer = new ByteTokenizer();
    private final Map<String, FakeCheckpoint.Answer> key;
    private final Runnable onClose;

    FakeLanguageModel(Map<String, FakeCheckpoint.Answer> key, Runnable onClose) {
        this.key = key;
        this.onClose = onClose;
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int maxLength() {
        return 1 << 20;
    }

    @Override
    public List<Loglikelihood> loglikelihood(List<LoglikelihoodRequest> requests) {
        List<Loglikelihood> answers = new ArrayList<>(requests.size());
        for (LoglikelihoodRequest request : requests) {
            FakeCheckpoint.Answer answer = answerOf(FakeCheckpoint.questionOf(tokenizer.decode(request.context())));
            String choice = tokenizer.decode(request.continuation()).strip();
            int letter = MultipleChoiceTemplate.CHOICE_LABELS.indexOf(choice);
            if (letter < 0) {
                boolean gold = choice.equals(answer.goldText());
                boolean best = gold == answer.knows();
                answers.add(new Loglikelihood(best ? -0.25 : -2.0, best));
                continue;
            }
            String context = tokenizer.decode(request.context());
            int gold = goldPosition(context, answer);
            int predicted = answers(answer, gold, context) ? gold : (gold + 1) % 4;
            answers.add(new Loglikelihood(letter == predicted ? -0.25 : -2.0 - 0.125 * letter, letter == predicted));
        }
        return answers;
    }

    FakeCheckpoint.Answer answerOf(String question) {
        FakeCheckpoint.Answer answer = key.get(question);
        if (answer == null) {
            throw new IllegalArgumentException("the fake model has no answer for question '" + question + "'");
        }
        return answer;
    }

    /** Where the gold text stands in the prompt's last choice list. */
    private static int goldPosition(String context, FakeCheckpoint.Answer answer) {
        String[] lines = context.substring(context.lastIndexOf("\nA. ") + 1, context.lastIndexOf("\nAnswer:"))
                .split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].substring(3).equals(answer.goldText())) {
                return i;
            }
        }
        throw new IllegalArgumentException("the fake model finds no gold text '" + answer.goldText() + "' in "
                + context);
    }

    /** Whether the model shows that it knows the answer in this prompt. */
    private static boolean answers(FakeCheckpoint.Answer answer, int goldPosition, String context) {
        return answer.knows() && switch (answer.hiding()) {
            case NONE -> true;
            case ORIGINAL_ORDER -> goldPosition != answer.gold();
            case ZERO_SHOT -> context.indexOf("\nAnswer:") != context.lastIndexOf("\nAnswer:");
            case FULL_PRECISION, UNTIL_RELEARNED -> false;
        };
    }

    @Override
    public void close() {
        onClose.run();
    }

    /**
     * The fake of an in-process backend: it writes quantized copies of its checkpoint folder, and has hidden states
     * ({@value #HIDDEN_SIZE} wide, {@value #LAYERS} layers): index 0 is noise; at later indices a question the model
     * knows (hidden in its outputs or not, the knowledge is in the weights) reads as the gold position one-hot plus
     * noise, any other as noise only. The noise is seeded by the question, so runs repeat.
     */
    static final class InProcess extends FakeLanguageModel implements QuantizableModel, HiddenStateModel {

        static final int LAYERS = 2;
        static final int HIDDEN_SIZE = 8;
        private final Path folder;

        InProcess(Path folder, Map<String, FakeCheckpoint.Answer> key, Runnable onClose) {
            super(key, onClose);
            this.folder = folder;
        }

        @Override
        public void writeQuantizedCopy(WeightQuantization quantization, Path target) throws IOException {
            FakeCheckpoint.writeQuantizedCopy(folder, quantization.bits(), target);
        }

        @Override
        public int hiddenLayers() {
            return LAYERS;
        }

        @Override
        public float[][][] lastTokenHiddenStates(List<int[]> tokens, int[] indices) {
            float[][][] states = new float[tokens.size()][indices.length][];
            for (int s = 0; s < tokens.size(); s++) {
                String context = tokenizer().decode(tokens.get(s));
                String question = FakeCheckpoint.questionOf(context);
                FakeCheckpoint.Answer answer = answerOf(question);
                for (int i = 0; i < indices.length; i++) {
                    Random noise = new Random(question.hashCode() * 31L + indices[i]);
                    float[] state = new float[HIDDEN_SIZE];
                    for (int d = 0; d < HIDDEN_SIZE; d++) {
                        state[d] = (float) noise.nextGaussian() * 0.3f;
                    }
                    if (indices[i] > 0 && answer.knows()) {
                        state[goldPosition(context, answer)] += 1;
                    }
                    states[s][i] = state;
                }
            }
            return states;
        }
    }
}

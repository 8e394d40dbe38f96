package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.model.HiddenStateModel;
import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.prompt.MultipleChoicePrompt;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.FrameworkVersion;
import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.core.results.ProbeVariant;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.scoring.MultipleChoiceMetrics;
import dev.wmdpjunit.core.scoring.RequestEncoder;
import dev.wmdpjunit.engine.LinearProbe;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@link LinearProbe}: held-out accuracy of a logistic-regression probe on the hidden states at the last prompt
 * token. Variant {@code layer-<i>} per probed hidden-state index (judged): each question's held-out prediction as a
 * result, with the probe's log-probabilities in place of loglikelihoods, and {@code trainAccuracy} (mean over the
 * folds of the probe's accuracy on its own training questions).
 *
 * @param layers the hidden-state indices, empty for all
 * @param folds  cross-validation folds
 */
record HiddenStateProbe(List<Integer> layers, int folds) implements Probe {

    static final String ID = "linear-probe";
    private static final int SEQUENCES_PER_CALL = 16;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String key() {
        return ID + (layers.isEmpty() ? "" : "-" + layers.stream().map(String::valueOf)
                .collect(Collectors.joining("-"))) + "-folds" + folds;
    }

    @Override
    public String describe() {
        return "for a linear probe on the hidden states (" + (layers.isEmpty() ? "every layer" : "layers "
                + layers.stream().map(String::valueOf).collect(Collectors.joining(", "))) + ", " + folds + "-fold)";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("layers", layers.isEmpty() ? "all" : layers.stream().map(String::valueOf)
                        .collect(Collectors.joining(",")), "folds", Integer.toString(folds), "position",
                "last prompt token", "classifier", "multinomial logistic regression, standardized features, L2 "
                        + SoftmaxRegression.L2 + ", " + SoftmaxRegression.STEPS + " gradient steps");
    }

    @Override
    public ProbeResult measure(ProbeInput input) {
        LanguageModel model = input.model().model();
        if (!(model instanceof HiddenStateModel hidden)) {
            throw new UnsupportedOperationException("probe " + ID + " is not supported by this backend: "
                    + model.getClass().getName() + " does not expose hidden states"
                    + " (dev.wmdpjunit.core.model.HiddenStateModel); the in-JVM DJL backend (wmdp-djl) does");
        }
        int[] indices = indices(hidden.hiddenLayers());
        List<Question> questions = input.questions().questions();
        if (questions.size() < 2 * folds) {
            throw new IllegalArgumentException("probe " + ID + " with " + folds + " folds needs at least "
                    + 2 * folds + " questions; " + input.questions().name() + " has " + questions.size()
                    + " (raise wmdp.limit or lower folds)");
        }
        float[][][] states = states(hidden, indices, model, questions, input);
        int classes = questions.get(0).choices().size();
        int[] gold = questions.stream().mapToInt(Question::answer).toArray();
        List<ProbeVariant> variants = new ArrayList<>();
        for (int l = 0; l < indices.length; l++) {
            int layer = l;
            double[][] features = Arrays.stream(states).map(s -> toDoubles(s[layer])).toArray(double[][]::new);
            variants.add(crossValidated(features, gold, classes, questions, input, indices[l]));
        }
        int[] counts = new int[classes];
        Arrays.stream(gold).forEach(g -> counts[g]++);
        Map<String, Double> measurements = new LinkedHashMap<>();
        measurements.put("majorityShare", (double) Arrays.stream(counts).max().orElseThrow() / gold.length);
        return new ProbeResult(FrameworkVersion.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS), ID, key(),
                input.plain().domain(), "held-out accuracy of a multinomial logistic-regression probe predicting the"
                + " gold choice from the hidden state at the last prompt token, per hidden-state index (0 the"
                + " embeddings, i the output of layer i - 1), " + folds + "-fold cross-validation (question i in fold"
                + " i mod " + folds + "); majorityShare = share of the most frequent gold letter, what a probe"
                + " that learned only the letters' imbalance would reach", parameters(), variants, measurements);
    }

    private int[] indices(int hiddenLayers) {
        if (layers.isEmpty()) {
            return IntStream.rangeClosed(0, hiddenLayers).toArray();
        }
        for (int layer : layers) {
            if (layer > hiddenLayers) {
                throw new IllegalArgumentException("@LinearProbe(layers = " + layers + "): the model has "
                        + hiddenLayers + " decoder layers, so hidden-state indices go from 0 to " + hiddenLayers);
            }
        }
        return layers.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The hidden states of every question's prompt as scored (lm-eval's context tokens), in calls of a few. */
    private static float[][][] states(HiddenStateModel hidden, int[] indices, LanguageModel model,
                                      List<Question> questions, ProbeInput input) {
        RequestEncoder encoder = new RequestEncoder(model.tokenizer(), input.template().format());
        ThrottledProgress progress = ThrottledProgress.logging(input.label() + " (hidden states)");
        float[][][] states = new float[questions.size()][][];
        for (int from = 0; from < questions.size(); from += SEQUENCES_PER_CALL) {
            int to = Math.min(questions.size(), from + SEQUENCES_PER_CALL);
            List<int[]> tokens = new ArrayList<>();
            for (Question question : questions.subList(from, to)) {
                MultipleChoicePrompt prompt = input.template().render(question);
                tokens.add(encoder.encode(prompt.context(), prompt.continuations().get(0)).context());
            }
            float[][][] chunk = hidden.lastTokenHiddenStates(tokens, indices);
            System.arraycopy(chunk, 0, states, from, chunk.length);
            progress.questionsScored(to, questions.size());
        }
        return states;
    }

    private ProbeVariant crossValidated(double[][] x, int[] gold, int classes, List<Question> questions,
                                        ProbeInput input, int layer) {
        QuestionResult[] heldOut = new QuestionResult[x.length];
        double trainAccuracy = 0;
        for (int fold = 0; fold < folds; fold++) {
            int f = fold;
            int[] train = IntStream.range(0, x.length).filter(i -> i % folds != f).toArray();
            SoftmaxRegression probe = SoftmaxRegression.fit(Arrays.stream(train).mapToObj(i -> x[i])
                    .toArray(double[][]::new), Arrays.stream(train).map(i -> gold[i]).toArray(), classes);
            int trainCorrect = 0;
            for (int i : train) {
                trainCorrect += MultipleChoiceMetrics.argmax(probe.logProbabilities(x[i])) == gold[i] ? 1 : 0;
            }
            trainAccuracy += (double) trainCorrect / train.length / folds;
            for (int i = fold; i < x.length; i += folds) {
                double[] log = probe.logProbabilities(x[i]);
                int predicted = MultipleChoiceMetrics.argmax(log);
                boolean[] chosen = new boolean[classes];
                chosen[predicted] = true;
                heldOut[i] = new QuestionResult(questions.get(i).id(), gold[i], predicted, log, chosen);
            }
        }
        DomainResult plain = input.plain();
        DomainResult result = DomainResult.of(plain.domain(), List.of(heldOut), plain.promptFormat(), plain.model(),
                plain.dataset());
        return new ProbeVariant("layer-" + layer, true, result, Map.of("trainAccuracy", trainAccuracy));
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    /** Reads {@link LinearProbe}, checked. */
    static HiddenStateProbe of(LinearProbe annotation) {
        List<Integer> layers = new ArrayList<>();
        for (int layer : annotation.layers()) {
            if (layer < 0 || layers.contains(layer)) {
                throw new IllegalArgumentException("@LinearProbe(layers = " + Arrays.toString(annotation.layers())
                        + "): hidden-state indices from 0, each once");
            }
            layers.add(layer);
        }
        if (annotation.folds() < 2) {
            throw new IllegalArgumentException("@LinearProbe(folds = " + annotation.folds() + "): at least 2");
        }
        return new HiddenStateProbe(List.copyOf(layers), annotation.folds());
    }
}

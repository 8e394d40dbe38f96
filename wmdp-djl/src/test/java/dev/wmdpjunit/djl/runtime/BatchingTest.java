package dev.wmdpjunit.djl.runtime;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.data.WmdpDomain;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.prompt.MultipleChoicePrompt;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.scoring.MultipleChoiceScorer;
import dev.wmdpjunit.core.scoring.RequestEncoder;
import dev.wmdpjunit.core.scoring.ScoringProgress;
import dev.wmdpjunit.core.testing.ByteTokenizer;
import dev.wmdpjunit.core.testing.SyntheticQuestions;
import dev.wmdpjunit.djl.model.CausalLm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Results do not depend on how requests are batched or ordered, and requests that share a fed window share one
 * forward pass. Runs the golden llama with the toy byte tokenizer (max_length 128), on synthetic questions whose
 * prompts have different lengths, some longer than the window (left-truncated).
 */
class BatchingTest {

    private static final int MAX_LENGTH = 128;
    /** Relative float32 rounding of sums of magnitude ~10-50 over a few dozen terms. */
    private static final double FLOAT32_NOISE = 2e-5;
    private static final MultipleChoiceTemplate TEMPLATE = MultipleChoiceTemplate.wmdp("wmdp-bio",
            PromptFormat.LM_EVAL_0_4_9_2);

    private static DjlLanguageModel open(int batchSize) {
        return DjlLanguageModel.of(CausalLm.load(SharedFolders.goldenLlama()), new ByteTokenizer(), MAX_LENGTH,
                new ModelOptions(batchSize, 0));
    }

    /** Four choice requests per synthetic question, plus multi-token continuations after long and short contexts. */
    private static List<LoglikelihoodRequest> requests() {
        RequestEncoder encoder = new RequestEncoder(new ByteTokenizer(), TEMPLATE.format());
        List<LoglikelihoodRequest> requests = new ArrayList<>();
        for (Question question : SyntheticQuestions.wmdp(WmdpDomain.BIO, 6, 7).questions()) {
            MultipleChoicePrompt prompt = TEMPLATE.render(question);
            prompt.continuations().forEach(c -> requests.add(encoder.encode(prompt.context(), c)));
            question.choices().forEach(choice -> requests.add(encoder.encode("Q: " + question.question(), " " + choice)));
            question.choices().forEach(choice -> requests.add(encoder.encode("Name one:", " " + choice)));
        }
        return requests;
    }

    /**
     * Batch size and order change the shapes libtorch multiplies (padded length, rows per GEMM), and with them
     * the float32 rounding: values agree to float32 noise, not bit for bit. Greediness must agree exactly.
     */
    @Test
    void batchSizeAndOrderDoNotChangeTheAnswers() {
        List<LoglikelihoodRequest> requests = requests();
        assertThat(requests.stream().mapToInt(r -> r.context().length + r.continuation().length).summaryStatistics())
                .as("some requests are truncated, some are far shorter than the window")
                .matches(lengths -> lengths.getMax() > MAX_LENGTH + 1 && lengths.getMin() < MAX_LENGTH / 2);
        List<Loglikelihood> reference;
        try (DjlLanguageModel model = open(1)) {
            reference = model.loglikelihood(requests);
        }

        List<Integer> order = new ArrayList<>(IntStream.range(0, requests.size()).boxed().toList());
        Collections.shuffle(order, new Random(42));
        List<LoglikelihoodRequest> shuffled = order.stream().map(requests::get).toList();
        double worst = 0;
        for (int batchSize : new int[] {1, 3, 8}) {
            try (DjlLanguageModel model = open(batchSize)) {
                List<Loglikelihood> inOrder = model.loglikelihood(requests);
                List<Loglikelihood> answers = model.loglikelihood(shuffled);
                for (int i = 0; i < order.size(); i++) {
                    int request = order.get(i);
                    worst = Math.max(worst, check(reference.get(request), inOrder.get(request),
                            "batch size " + batchSize + ", request " + request));
                    worst = Math.max(worst, check(reference.get(request), answers.get(i),
                            "shuffled, batch size " + batchSize + ", request " + request));
                }
            }
        }
        System.out.printf("batching: largest loglikelihood difference %.2e over %d requests%n", worst,
                requests.size());
    }

    private static double check(Loglikelihood expected, Loglikelihood actual, String what) {
        assertThat(actual.isGreedy()).as(what).isEqualTo(expected.isGreedy());
        assertThat(actual.value()).as(what).isCloseTo(expected.value(), within(FLOAT32_NOISE));
        return Math.abs(actual.value() - expected.value());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8})
    void aQuestionWhoseChoicesShareTheirWindowCostsOneForward(int batchSize) {
        QuestionSet questions = SyntheticQuestions.wmdp(WmdpDomain.BIO, 10, 3);
        try (DjlLanguageModel model = open(batchSize)) {
            // With byte tokens the continuations " A".." D" are [space, letter]: all four windows end in the space.
            new MultipleChoiceScorer(model, 10).score(questions, TEMPLATE, ScoringProgress.NONE);

            assertThat(model.windowsForwarded()).isEqualTo(questions.size());
            assertThat(model.forwardPasses()).isEqualTo((questions.size() + batchSize - 1) / batchSize);
        }
    }

    @Test
    void singleTokenContinuationsOfOneContextCostOneForward() {
        int[] context = new ByteTokenizer().encode("The answer is", true);
        List<LoglikelihoodRequest> requests = IntStream.rangeClosed('A', 'D')
                .mapToObj(letter -> new LoglikelihoodRequest(context, new int[] {letter + 3})).toList();
        try (DjlLanguageModel model = open(8)) {
            List<Loglikelihood> answers = model.loglikelihood(requests);

            assertThat(model.windowsForwarded()).isEqualTo(1);
            assertThat(answers).doesNotHaveDuplicates();
            // The four answers are one distribution's entries: their probabilities sum to at most 1.
            assertThat(answers.stream().mapToDouble(a -> Math.exp(a.value())).sum()).isLessThan(1.0);
        }
    }
}

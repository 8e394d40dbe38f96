package dev.wmdpjunit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wmdpjunit.core.data.Datasets;
import dev.wmdpjunit.core.data.Mmlu;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.model.ModelIdentity;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.prompt.MultipleChoicePrompt;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.scoring.MultipleChoiceScorer;
import dev.wmdpjunit.core.scoring.RequestEncoder;
import dev.wmdpjunit.core.scoring.ScoringProgress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Real MMLU questions scored by the real stories260K model, in this JVM and through HTTP: the same numbers.
 *
 * <p>Two comparisons. The strict one computes each prompt the server received as the server does (one forward pass of
 * the whole prompt, alone) and applies lm-eval's {@code parse_logprobs} in the test: the HTTP backend must give
 * exactly those values, so the client (encoding, truncation, {@code ctxlen}, the wire, parsing, summing, is_greedy)
 * adds no error at all. The scorer-level one compares with the in-JVM backend as a user runs it, which computes other
 * shapes (one window shared by the four letters, a call's windows packed into one pass, only the scored rows through
 * the output layer): float32 results of different shapes differ in their last bits, so it allows
 * {@link ServedStories#FLOAT32_GROUPING} (measured up to 1.2e-6 with padded batches, 2.6e-6 seen with packed passes;
 * scoring each request alone in-JVM is no closer, up to 6.9e-6, since it feeds one token less and scores only some
 * rows). It keeps what users compare: the same predictions, is_greedy and request bodies.
 */
class HttpParityTest {

    private static final String SUBJECT = "high_school_geography";
    private static final int QUESTIONS = 12;

    @ParameterizedTest(name = "tokens as ids: {0}")
    @ValueSource(booleans = {true, false})
    void everyPromptTheServerReceivedIsScoredExactlyAsTheModelScoresIt(boolean tokensAsIds) {
        Mmlu mmlu = Datasets.mmlu(ServedStories.shared().resolve("data/mmlu"));
        MultipleChoiceTemplate template = MultipleChoiceTemplate.mmlu(SUBJECT, mmlu.dev(SUBJECT).questions(), 0,
                PromptFormat.LM_EVAL_0_4_9_2);
        try (ServedStories served = ServedStories.start(tokensAsIds);
             OpenedModel remote = served.open(ServedStories.settings())) {
            RequestEncoder encoder = new RequestEncoder(remote.model().tokenizer(), template.format());
            List<LoglikelihoodRequest> requests = new ArrayList<>();
            for (Question question : mmlu.test(SUBJECT).questions().subList(0, QUESTIONS)) {
                MultipleChoicePrompt prompt = template.render(question);
                requests.addAll(encoder.encodeChoices(prompt.context(), prompt.continuations()));
            }
            int before = served.server.requestBodies().size();

            List<Loglikelihood> http = remote.model().loglikelihood(requests);

            List<List<Integer>> sent = new ArrayList<>();
            int greedy = 0;
            for (int r = 0; r < requests.size(); r++) {
                LoglikelihoodRequest request = requests.get(r);
                int[] prompt = IntStream.concat(IntStream.of(request.context()), IntStream.of(request.continuation()))
                        .toArray();
                sent.add(IntStream.of(prompt).boxed().toList());
                VllmCompatibleServer.PositionLogprobs model = VllmCompatibleServer.positionLogprobs(
                        served.inJvm.causalLm(), prompt);
                // lm-eval's parse_logprobs: sum token_logprobs[ctxlen:-1], greedy when each is its top_logprobs' max.
                double sum = 0;
                boolean isGreedy = true;
                for (int i = request.context().length; i < prompt.length; i++) {
                    sum += model.logprob()[i];
                    isGreedy &= model.logprob()[i] >= model.max()[i];
                }
                assertThat(http.get(r).value()).as("request %d", r).isEqualTo(sum);
                assertThat(http.get(r).isGreedy()).as("request %d", r).isEqualTo(isGreedy);
                greedy += isGreedy ? 1 : 0;
            }
            assertThat(greedy).isBetween(1, requests.size() - 1);
            // The very prompts scored above are the ones the server received, untruncated, each once.
            List<List<Integer>> received = new ArrayList<>();
            served.server.requestBodies().subList(before, served.server.requestBodies().size()).forEach(body ->
                    body.get("prompt").forEach(prompt -> received.add(StreamSupport.stream(prompt.spliterator(),
                            false).map(JsonNode::intValue).toList())));
            assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @ParameterizedTest(name = "tokens as ids: {0}")
    @ValueSource(booleans = {true, false})
    void scoresThroughHttpEqualTheInJvmBackendsToFloat32Noise(boolean tokensAsIds) {
        Mmlu mmlu = Datasets.mmlu(ServedStories.shared().resolve("data/mmlu"));
        List<Question> questions = mmlu.test(SUBJECT).questions().subList(0, QUESTIONS);
        QuestionSet set = new QuestionSet(SUBJECT, questions, "mmlu", mmlu.test(SUBJECT).sha256());
        MultipleChoiceTemplate template = MultipleChoiceTemplate.mmlu(SUBJECT, mmlu.dev(SUBJECT).questions(), 0,
                PromptFormat.LM_EVAL_0_4_9_2);
        try (ServedStories served = ServedStories.start(tokensAsIds);
             OpenedModel remote = served.open(ServedStories.settings())) {
            List<QuestionResult> expected = new MultipleChoiceScorer(served.inJvm, 4).score(set, template,
                    ScoringProgress.NONE);
            List<QuestionResult> actual = new MultipleChoiceScorer(remote.model(), 4).score(set, template,
                    ScoringProgress.NONE);

            assertThat(actual).hasSize(QUESTIONS);
            int greedyChoices = 0;
            for (int q = 0; q < QUESTIONS; q++) {
                QuestionResult want = expected.get(q);
                QuestionResult got = actual.get(q);
                assertThat(got.id()).isEqualTo(want.id());
                for (int c = 0; c < 4; c++) {
                    // Different shapes of the same computation (see the class comment): float32 noise of a few ULPs.
                    assertThat(got.loglikelihoods()[c]).as(want.id() + " choice " + c)
                            .isCloseTo(want.loglikelihoods()[c], within(ServedStories.FLOAT32_GROUPING));
                    greedyChoices += want.isGreedy()[c] ? 1 : 0;
                }
                assertThat(got.isGreedy()).as(want.id()).containsExactly(want.isGreedy());
                assertThat(got.predicted()).isEqualTo(want.predicted());
            }
            // Both greedy and non-greedy continuations occur, so is_greedy is really compared.
            assertThat(greedyChoices).isBetween(1, QUESTIONS * 4 - 1);

            // No prompt was truncated: the in-JVM and API truncation rules differ by one token, see the README.
            List<JsonNode> bodies = served.server.requestBodies();
            bodies.forEach(body -> body.get("prompt").forEach(prompt -> assertThat(prompt.size()).isLessThan(512)));
            JsonNode last = bodies.get(bodies.size() - 1);
            assertThat(last.get("model").asText()).isEqualTo(ServedStories.SERVED_NAME);
            assertThat(last.get("temperature").asInt()).isZero();
            assertThat(last.get("max_tokens").asInt()).isEqualTo(1);
            assertThat(last.get("logprobs").asInt()).isEqualTo(1);
            assertThat(last.get("echo").asBoolean()).isTrue();
            assertThat(last.get("seed").asInt()).isEqualTo(1234);
            assertThat(bodies.stream().mapToInt(body -> body.get("prompt").size()).max().orElseThrow())
                    .isEqualTo(4);

            ModelIdentity identity = remote.identity();
            assertThat(identity.kind()).isEqualTo(ModelIdentity.ENDPOINT);
            assertThat(identity.path()).isEqualTo(served.server.baseUrl());
            assertThat(identity.weightsHashed()).isFalse();
            assertThat(identity.details()).containsEntry("servedModel", ServedStories.SERVED_NAME)
                    .containsEntry("tokenizerSha256", dev.wmdpjunit.core.io.Sha256.ofFile(
                            ServedStories.stories().resolve("tokenizer.json")))
                    .containsEntry("server.max_model_len", "512")
                    .containsEntry("server.root", "/models/" + ServedStories.SERVED_NAME)
                    .containsEntry("server.tokensChecked", tokensAsIds ? "ids" : "count");
        }
    }
}

package dev.wmdpjunit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wmdpjunit.core.data.Datasets;
import dev.wmdpjunit.core.data.Mmlu;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.model.ModelIdentity;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.scoring.MultipleChoiceScorer;
import dev.wmdpjunit.core.scoring.ScoringProgress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Real MMLU questions scored by the real stories260K model, in this JVM and through HTTP: the same numbers. */
class HttpParityTest {

    private static final String SUBJECT = "high_school_geography";
    private static final int QUESTIONS = 12;

    @ParameterizedTest(name = "tokens as ids: {0}")
    @ValueSource(booleans = {true, false})
    void loglikelihoodsAndGreedinessThroughHttpEqualTheInJvmOnes(boolean tokensAsIds) {
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

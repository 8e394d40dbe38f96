package dev.wmdpjunit.openai;

import dev.wmdpjunit.core.data.Datasets;
import dev.wmdpjunit.core.data.Mmlu;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.model.ModelReferenceException;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.scoring.MultipleChoiceScorer;
import dev.wmdpjunit.core.scoring.ScoringProgress;
import dev.wmdpjunit.openai.VllmCompatibleServer.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** What the client does when the server misbehaves: retries what is transient, and otherwise fails naming why. */
class FaultTest {

    private static final String SUBJECT = "high_school_geography";
    private static ServedStories served;
    private static QuestionSet questions;
    private static MultipleChoiceTemplate template;
    private static List<QuestionResult> inJvm;

    @BeforeAll
    static void start() {
        served = ServedStories.start(true);
        Mmlu mmlu = Datasets.mmlu(ServedStories.shared().resolve("data/mmlu"));
        QuestionSet test = mmlu.test(SUBJECT);
        questions = new QuestionSet(SUBJECT, test.questions().subList(0, 2), test.source(), test.sha256());
        template = MultipleChoiceTemplate.mmlu(SUBJECT, mmlu.dev(SUBJECT).questions(), 0, PromptFormat.LM_EVAL_0_4_9_2);
        inJvm = score(served.inJvm);
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    @BeforeEach
    void answerNormally() {
        served.server.reset();
    }

    private static List<QuestionResult> score(dev.wmdpjunit.core.model.LanguageModel model) {
        return new MultipleChoiceScorer(model, 2).score(questions, template, ScoringProgress.NONE);
    }

    private static void assertSameAsInJvm(List<QuestionResult> results) {
        for (int q = 0; q < results.size(); q++) {
            for (int c = 0; c < 4; c++) {
                assertThat(results.get(q).loglikelihoods()[c]).isCloseTo(inJvm.get(q).loglikelihoods()[c],
                        within(ServedStories.FLOAT32_GROUPING));
            }
        }
    }

    @Test
    void anHttp500IsRetriedAndTheAnswerThatFollowsIsScored() {
        try (OpenedModel remote = served.open(ServedStories.settings())) {
            int before = served.server.completionsRequests();
            served.server.then(Fault.HTTP_500);
            List<QuestionResult> results = score(remote.model());
            assertSameAsInJvm(results);
            // 8 requests at 4 per batch are 2 POSTs, plus the one that got the 500.
            assertThat(served.server.completionsRequests() - before).isEqualTo(3);
        }
    }

    @Test
    void a429IsRetriedAfterTheServersRetryAfter() {
        try (OpenedModel remote = served.open(ServedStories.settings(RemoteSettings.CONCURRENCY, "1"))) {
            served.server.then(Fault.HTTP_429_RETRY_AFTER_1);
            long start = System.nanoTime();
            List<QuestionResult> results = score(remote.model());
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1000);
            assertSameAsInJvm(results);
        }
    }

    @Test
    void retriesAreBoundedAndTheLastFailureIsReported() {
        try (OpenedModel remote = served.open(ServedStories.settings(RemoteSettings.RETRIES, "1",
                RemoteSettings.CONCURRENCY, "1"))) {
            served.server.then(Fault.HTTP_500, Fault.HTTP_500);
            assertThatThrownBy(() -> score(remote.model()))
                    .hasMessageContaining("question " + questions.questions().get(0).id())
                    .hasMessageContaining(served.server.baseUrl() + "/completions")
                    .hasMessageContaining("HTTP 500")
                    .hasMessageContaining("after 2 tries");
        }
    }

    @Test
    void anAnswerSlowerThanTheTimeoutFailsNamingTheKey() {
        try (OpenedModel remote = served.open(ServedStories.settings(RemoteSettings.TIMEOUT, "8",
                RemoteSettings.CONCURRENCY, "1"))) {
            served.server.then(Fault.SLOW_30_S);
            assertThatThrownBy(() -> score(remote.model()))
                    .hasMessageContaining("question " + questions.questions().get(0).id())
                    .hasMessageContaining(served.server.baseUrl())
                    .hasMessageContaining("no answer within 8 s (wmdp.remote.timeout)");
        }
    }

    /** Every choice of the answer fails the check, so the first prompt of the POST is named: question 0 choice 0. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "NULL_LOGPROBS        | the choice has no logprobs",
            "MISSING_TOP_LOGPROBS | logprobs.top_logprobs is missing",
            "ONE_TOKEN_SHORT      | entries, expected",
            "NAN_LOGPROB          | logprobs.token_logprobs[1] is \"NaN\", not a finite number",
            "NULL_TOP_LOGPROB     | logprobs.top_logprobs[2] is null: this server returns logprobs only for generated",
            "WRONG_TOKEN_ID       | logprobs.tokens[3] is 'token_id:"})
    void anAnswerThatCannotBeScoredFailsTheRunNamingTheQuestionChoiceAndEndpoint(Fault fault, String why) {
        try (OpenedModel remote = served.open(ServedStories.settings(RemoteSettings.CONCURRENCY, "1"))) {
            served.server.then(fault);
            assertThatThrownBy(() -> score(remote.model()))
                    .hasMessageStartingWith("question " + questions.questions().get(0).id() + " choice 0 \"A\": ")
                    .hasMessageContaining(served.server.baseUrl() + ": answer to prompt 0 of 4")
                    .hasMessageContaining(why);
        }
    }

    /** An answer whose layout is wrong fails the whole POST: its first and last question and choice are named. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "MALFORMED_JSON | the answer is not valid JSON",
            "NO_CHOICES     | the answer to 4 prompts has no list \"choices\"",
            "REPEATED_INDEX | the answer to 4 prompts choice index 0 is missing, out of range or repeated"})
    void anAnswerWithoutOneChoicePerPromptFailsTheWholePost(Fault fault, String why) {
        try (OpenedModel remote = served.open(ServedStories.settings(RemoteSettings.CONCURRENCY, "1"))) {
            served.server.then(fault);
            String question = questions.questions().get(0).id();
            assertThatThrownBy(() -> score(remote.model()))
                    .hasMessageStartingWith("question " + question + " choice 0 \"A\" (and the 3 requests after it,"
                            + " through question " + question + " choice 3 \"D\"): ")
                    .hasMessageContaining("POST " + served.server.baseUrl() + "/completions: " + why);
        }
    }

    @Test
    void theFieldsOfAnAnswerMayComeInAnyOrder() {
        try (OpenedModel remote = served.open(ServedStories.settings())) {
            served.server.then(Fault.FIELDS_REORDERED, Fault.FIELDS_REORDERED);
            assertSameAsInJvm(score(remote.model()));
        }
    }

    @Test
    void aServerWithLogprobsForGeneratedTokensOnlyIsRefusedAtOpen() {
        served.server.generatedOnly();
        assertThatThrownBy(() -> served.open(ServedStories.settings()))
                .isInstanceOf(ModelReferenceException.class)
                .hasMessageStartingWith("wmdp.model = '" + served.server.baseUrl() + "'")
                .hasMessageContaining(served.server.baseUrl() + " cannot be scored")
                .hasMessageContaining("this server returns logprobs only for generated tokens (llama.cpp behaves so);"
                        + " use vLLM or SGLang");
    }

    @Test
    void anUnknownServedModelOrAMissingTokenizerIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> served.open(ServedStories.settings(RemoteSettings.MODEL, "llama-70b")))
                .hasMessageContaining("wmdp.remote.model = 'llama-70b' is not served by " + served.server.baseUrl())
                .hasMessageContaining("[" + ServedStories.SERVED_NAME + "]");
        Map<String, String> noTokenizer = ServedStories.settings();
        noTokenizer.remove(RemoteSettings.TOKENIZER);
        assertThatThrownBy(() -> served.open(noTokenizer))
                .hasMessageContaining("openai-completions: wmdp.remote.tokenizer is not set");
    }

    @Test
    void aServerKilledMidRunFailsNamingTheEndpointAndTheQuestion() {
        try (ServedStories dying = ServedStories.start(true);
             OpenedModel remote = dying.open(ServedStories.settings(RemoteSettings.BATCH_SIZE, "1",
                     RemoteSettings.CONCURRENCY, "1", RemoteSettings.RETRIES, "2"))) {
            int afterProbe = dying.server.completionsRequests();
            CompletableFuture<List<QuestionResult>> run = CompletableFuture.supplyAsync(() -> score(remote.model()));
            while (dying.server.completionsRequests() < afterProbe + 3 && !run.isDone()) {
                Thread.onSpinWait();
            }
            dying.server.close();
            // The kill lands while question 0 or (on a slow machine) question 1 is being scored.
            assertThatThrownBy(run::join)
                    .hasRootCauseInstanceOf(java.io.IOException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf(
                            "question " + questions.questions().get(0).id() + " choice ",
                            "question " + questions.questions().get(1).id() + " choice "))
                    .hasMessageContaining(dying.server.baseUrl() + "/completions")
                    .hasMessageContaining("after 3 tries");
        }
    }
}

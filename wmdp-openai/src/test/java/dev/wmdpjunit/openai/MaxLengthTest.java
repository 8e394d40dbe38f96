package dev.wmdpjunit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.LoglikelihoodFailure;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.OpenedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code wmdp.remote.maxLength}: the key when set, else the server's {@code max_model_len} less the generated token
 * (the test server, like vLLM, refuses a prompt that leaves it no room), else lm-eval's 2048.
 */
class MaxLengthTest {

    /** stories260K's context length, which the test server reports as {@code max_model_len}. */
    private static final int MAX_MODEL_LEN = 512;
    private static ServedStories served;
    /** A request of 700 context tokens and a 2-token continuation: longer than the model's context. */
    private static LoglikelihoodRequest longRequest;

    @BeforeAll
    static void start() {
        served = ServedStories.start(true);
        int[] context = served.inJvm.tokenizer().encode("Once upon a time, there was a little dog named Max. "
                .repeat(60), true);
        assertThat(context.length).isGreaterThan(700);
        longRequest = new LoglikelihoodRequest(Arrays.copyOf(context, 700), new int[] {29, 333});
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    @BeforeEach
    void answerNormally() {
        served.server.reset();
    }

    /** The settings every test sets, without wmdp.remote.maxLength unless given. */
    private static Map<String, String> settings(String... maxLength) {
        Map<String, String> settings = ServedStories.settings();
        settings.remove(RemoteSettings.MAX_LENGTH);
        if (maxLength.length > 0) {
            settings.put(RemoteSettings.MAX_LENGTH, maxLength[0]);
        }
        return settings;
    }

    /** The prompt the server received last. */
    private static int[] lastPrompt() {
        List<JsonNode> bodies = served.server.requestBodies();
        JsonNode prompt = bodies.get(bodies.size() - 1).get("prompt").get(0);
        int[] ids = new int[prompt.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = prompt.get(i).intValue();
        }
        return ids;
    }

    private static int[] lastTokensOfLongRequest(int count) {
        int[] whole = Arrays.copyOf(longRequest.context(), 702);
        whole[700] = 29;
        whole[701] = 333;
        return Arrays.copyOfRange(whole, whole.length - count, whole.length);
    }

    @Test
    void withoutTheKeyTheServersMaxModelLenLessTheGeneratedTokenIsKept() {
        try (OpenedModel remote = served.open(settings())) {
            LanguageModel model = remote.model();
            assertThat(model.maxLength()).isEqualTo(MAX_MODEL_LEN - 1);
            assertThat(remote.identity().details()).containsEntry("server.max_model_len", "512");

            double value = model.loglikelihood(List.of(longRequest)).get(0).value();

            assertThat(value).isNegative();
            assertThat(lastPrompt()).containsExactly(lastTokensOfLongRequest(MAX_MODEL_LEN - 1));
        }
    }

    @Test
    void theKeyWinsOverTheServer() {
        try (OpenedModel shorter = served.open(settings("300"))) {
            assertThat(shorter.model().maxLength()).isEqualTo(300);
            shorter.model().loglikelihood(List.of(longRequest));
            assertThat(lastPrompt()).containsExactly(lastTokensOfLongRequest(300));
        }
        // max_model_len itself leaves no room for the generated token: vLLM refuses the prompt, and so does this server.
        try (OpenedModel whole = served.open(settings(String.valueOf(MAX_MODEL_LEN)))) {
            assertThat(whole.model().maxLength()).isEqualTo(MAX_MODEL_LEN);
            assertThatThrownBy(() -> whole.model().loglikelihood(List.of(longRequest)))
                    .isInstanceOf(LoglikelihoodFailure.class)
                    .hasMessageContaining("HTTP 400")
                    .hasMessageContaining("maximum context length is 512 tokens. However, you requested 513 tokens");
        }
    }

    @Test
    void aServerThatDoesNotListMaxModelLenGetsLmEvalsDefault() {
        served.server.listMaxModelLen(false);
        try (OpenedModel remote = served.open(settings())) {
            assertThat(remote.model().maxLength()).isEqualTo(RemoteSettings.DEFAULT_MAX_LENGTH);
            assertThat(remote.identity().details()).doesNotContainKey("server.max_model_len");
        }
    }
}

package dev.wmdpjunit.openai;

import com.fasterxml.jackson.core.JsonParser;
import dev.wmdpjunit.core.model.Loglikelihood;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Reading answers without a server: the parts of the streaming reader the server in the test tree never writes. */
class EchoedLogprobsTest {

    /** Prompt [1, 7, 8, 9]: context [1, 7], continuation [8, 9]; then one generated token. */
    private static final int[] PROMPT = {1, 7, 8, 9};
    private static final int[] CONTEXT_LENGTHS = {2};

    private static String choice(String index, String tokenLogprobs, String top) {
        String logprobs = "\"logprobs\": {\"text_offset\": [0, 1, 2, 3, 4], \"token_logprobs\": " + tokenLogprobs
                + ", \"tokens\": [\"token_id:1\", \"token_id:7\", \"token_id:8\", \"token_id:9\", \"token_id:3\"],"
                + " \"top_logprobs\": " + top + "}";
        return index.isEmpty() ? "{" + logprobs + "}" : "{" + index + ", " + logprobs + "}";
    }

    private static final String TOP = "[null, {\"token_id:7\": -0.5}, {\"token_id:8\": -0.25, \"token_id:4\": -2},"
            + " {\"token_id:5\": -1.0, \"token_id:9\": -1.5}, {\"token_id:3\": -0.1}]";

    private static EchoedLogprobs read(String choice) throws IOException {
        try (JsonParser parser = CompletionsClient.JSON.createParser("{\"id\": \"cmpl-1\", \"choices\": [" + choice
                + "], \"usage\": {\"prompt_tokens\": 4}}")) {
            return EchoedLogprobs.readChoices(parser, CONTEXT_LENGTHS)[0];
        }
    }

    private static Loglikelihood score(String choice) throws IOException {
        EchoedLogprobs echoed = read(choice);
        echoed.check(PROMPT);
        return echoed.score(CONTEXT_LENGTHS[0]);
    }

    @Test
    void sumsTheContinuationAndComparesEachTokenWithTheTopOne() throws IOException {
        Loglikelihood scored = score(choice("\"index\": 0", "[null, -0.5, -0.25, -1.5, -0.1]", TOP));

        assertThat(scored.value()).isEqualTo(-1.75);
        assertThat(scored.isGreedy()).isFalse(); // token 9 (-1.5) is not the top one (-1.0)
    }

    @Test
    void anIndexAfterTheLogprobsReadsTheSameValues() throws IOException {
        Loglikelihood first = score(choice("\"index\": 0", "[null, -0.5, -2.5e-05, -1.5, -0.1]", TOP));
        Loglikelihood last = score(choice("", "[null, -0.5, -2.5e-05, -1.5, -0.1]", TOP)
                .replace("}}", "}, \"index\": 0}"));

        assertThat(last).isEqualTo(first);
        assertThat(first.value()).isCloseTo(-1.500025, within(1e-12));
    }

    /** Context values are checked by their text, not parsed: a number only overflows with an exponent. */
    @Test
    void aContextValueThatOverflowsADoubleIsNotFinite() throws IOException {
        EchoedLogprobs overflow = read(choice("\"index\": 0", "[null, -1e400, -0.25, -1.5, -0.1]", TOP));
        EchoedLogprobs small = read(choice("\"index\": 0", "[null, -1e-300, -0.25, -1.5, -0.1]", TOP));
        EchoedLogprobs topOverflow = read(choice("\"index\": 0", "[null, -0.5, -0.25, -1.5, -0.1]",
                TOP.replace("-0.5", "-9E999")));

        assertThatThrownBy(() -> overflow.check(PROMPT))
                .hasMessage("logprobs.token_logprobs[1] is -1e400, not a finite number");
        small.check(PROMPT);
        assertThatThrownBy(() -> topOverflow.check(PROMPT))
                .hasMessage("logprobs.top_logprobs[1]['token_id:7'] is -9E999, not a finite number");
    }

    @Test
    void aValueThatIsAnObjectIsNamedAndReadingGoesOn() throws IOException {
        EchoedLogprobs nested = read(choice("\"index\": 0", "[null, -0.5, {\"v\": [1]}, -1.5, -0.1]",
                TOP.replace("\"token_id:4\": -2", "\"token_id:4\": [-2]")));

        assertThatThrownBy(() -> nested.check(PROMPT))
                .hasMessage("logprobs.token_logprobs[2] is {\"v\":[1]}, not a finite number");
    }

    @Test
    void theFirstBadPositionIsReportedTokenLogprobsBeforeTopLogprobs() throws IOException {
        EchoedLogprobs bothAtTwo = read(choice("\"index\": 0", "[null, -0.5, true, -1.5, -0.1]",
                TOP.replace("{\"token_id:8\": -0.25, \"token_id:4\": -2}", "{}")));
        EchoedLogprobs topFirst = read(choice("\"index\": 0", "[null, -0.5, -0.25, null, -0.1]",
                TOP.replace("{\"token_id:8\": -0.25, \"token_id:4\": -2}", "{}")));
        // The generated token's entry (position 4) is not a prompt token: it is never checked.
        EchoedLogprobs generatedOnly = read(choice("\"index\": 0", "[null, -0.5, -0.25, -1.5, \"x\"]", TOP));

        assertThatThrownBy(() -> bothAtTwo.check(PROMPT)).hasMessage("logprobs.token_logprobs[2] is true, not a"
                + " finite number");
        assertThatThrownBy(() -> topFirst.check(PROMPT)).hasMessage("logprobs.top_logprobs[2] is {}, not an object"
                + " of token to logprob");
        generatedOnly.check(PROMPT);
    }

    @Test
    void tokensNotWrittenAsIdsAreOnlyCounted() throws IOException {
        EchoedLogprobs text = read(choice("\"index\": 0", "[null, -0.5, -0.25, -1.5, -0.1]", TOP)
                .replace("\"token_id:1\"", "\"<s>\"").replace("\"token_id:8\"", "\"Paris\""));
        EchoedLogprobs mixed = read(choice("\"index\": 0", "[null, -0.5, -0.25, -1.5, -0.1]", TOP)
                .replace("\"token_id:8\", \"token_id:9\"", "\"token_id:8\", \"token_id:x\""));

        text.check(PROMPT);
        assertThat(text.tokensAreIds()).isFalse();
        assertThatThrownBy(() -> mixed.check(PROMPT))
                .hasMessage("logprobs.tokens[3] is 'token_id:x' but token id 9 was sent there");
    }
}

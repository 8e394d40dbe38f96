package dev.wmdpjunit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wmdpjunit.core.model.Loglikelihood;

import java.util.Map;

/**
 * The {@code logprobs} of one choice of an echoed completion ({@code echo: true, max_tokens: 1, logprobs: 1}),
 * checked before anything is scored: {@code token_logprobs}, {@code tokens} and {@code top_logprobs} each hold one
 * entry per prompt token plus the generated one; every entry past the first is finite (the first has no context and
 * is null); {@code tokens}, when the server writes them as ids ({@code token_id:N}, vLLM's
 * {@code --return-tokens-as-token-ids}), are the ids sent. Otherwise the answer is refused with what is missing, so a
 * server that scores only the generated token (llama.cpp) or none never passes as a model at chance.
 */
final class EchoedLogprobs {

    static final String USE_VLLM = "this server returns logprobs only for generated tokens (llama.cpp behaves so);"
            + " use vLLM or SGLang";
    private static final String TOKEN_ID_PREFIX = "token_id:";

    private final double[] tokenLogprobs;
    private final double[] topLogprobs;
    private final boolean tokensAreIds;

    private EchoedLogprobs(double[] tokenLogprobs, double[] topLogprobs, boolean tokensAreIds) {
        this.tokenLogprobs = tokenLogprobs;
        this.topLogprobs = topLogprobs;
        this.tokensAreIds = tokensAreIds;
    }

    /**
     * Checks one choice against the prompt that was sent.
     *
     * @throws IllegalArgumentException saying what is missing or wrong
     */
    static EchoedLogprobs read(JsonNode choice, int[] prompt) {
        JsonNode logprobs = choice.get("logprobs");
        if (logprobs == null || logprobs.isNull()) {
            throw new IllegalArgumentException("the choice has no logprobs (the server ignored \"logprobs\": 1)");
        }
        JsonNode tokenLogprobs = array(logprobs, "token_logprobs");
        JsonNode tokens = array(logprobs, "tokens");
        JsonNode top = array(logprobs, "top_logprobs");
        int expected = prompt.length + 1;
        if (tokenLogprobs.size() < prompt.length) {
            throw new IllegalArgumentException("logprobs.token_logprobs has " + tokenLogprobs.size() + " entries for a"
                    + " prompt of " + prompt.length + " tokens: the prompt was not echoed with its logprobs; "
                    + USE_VLLM);
        }
        for (Map.Entry<String, JsonNode> field : Map.of("token_logprobs", tokenLogprobs, "tokens", tokens,
                "top_logprobs", top).entrySet()) {
            if (field.getValue().size() != expected) {
                throw new IllegalArgumentException("logprobs." + field.getKey() + " has " + field.getValue().size()
                        + " entries, expected " + expected + " (" + prompt.length + " prompt tokens and 1 generated)");
            }
        }
        double[] values = new double[prompt.length];
        double[] maxima = new double[prompt.length];
        for (int i = 1; i < prompt.length; i++) {
            values[i] = finite(tokenLogprobs.get(i), "logprobs.token_logprobs[" + i + "]");
            maxima[i] = maxOf(top.get(i), i);
        }
        boolean tokensAreIds = tokens.size() > 0 && tokens.get(0).isTextual()
                && tokens.get(0).textValue().startsWith(TOKEN_ID_PREFIX);
        if (tokensAreIds) {
            for (int i = 0; i < prompt.length; i++) {
                String token = tokens.get(i).asText();
                if (!token.equals(TOKEN_ID_PREFIX + prompt[i])) {
                    throw new IllegalArgumentException("logprobs.tokens[" + i + "] is '" + token + "' but token id "
                            + prompt[i] + " was sent there");
                }
            }
        }
        return new EchoedLogprobs(values, maxima, tokensAreIds);
    }

    /**
     * lm-eval's {@code parse_logprobs}: the sum of {@code token_logprobs[ctxlen:-1]}, greedy when each of those equals
     * the largest value of its {@code top_logprobs} entry.
     */
    Loglikelihood score(int contextLength) {
        if (contextLength < 1) {
            throw new IllegalArgumentException("context length must be at least 1 (lm-eval asserts so), was "
                    + contextLength);
        }
        double sum = 0;
        boolean greedy = true;
        for (int i = contextLength; i < tokenLogprobs.length; i++) {
            sum += tokenLogprobs[i];
            greedy &= tokenLogprobs[i] >= topLogprobs[i];
        }
        return new Loglikelihood(sum, greedy);
    }

    /** Whether the server wrote tokens as {@code token_id:N}, so that they were checked against the ids sent. */
    boolean tokensAreIds() {
        return tokensAreIds;
    }

    private static JsonNode array(JsonNode logprobs, String field) {
        JsonNode value = logprobs.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("logprobs." + field + " is " + (value == null ? "missing"
                    : value.isNull() ? "null" : "not a list"));
        }
        return value;
    }

    private static double finite(JsonNode value, String where) {
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + " is null: " + USE_VLLM);
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new IllegalArgumentException(where + " is " + value + ", not a finite number");
        }
        return value.doubleValue();
    }

    private static double maxOf(JsonNode top, int position) {
        String where = "logprobs.top_logprobs[" + position + "]";
        if (top == null || !top.isObject() || top.isEmpty()) {
            throw new IllegalArgumentException(where + " is " + (top == null || top.isNull() ? "null: " + USE_VLLM
                    : top + ", not an object of token to logprob"));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, JsonNode> entry : top.properties()) {
            max = Math.max(max, finite(entry.getValue(), where + "['" + entry.getKey() + "']"));
        }
        return max;
    }
}

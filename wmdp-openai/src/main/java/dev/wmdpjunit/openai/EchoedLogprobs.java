package dev.wmdpjunit.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.wmdpjunit.core.model.Loglikelihood;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code logprobs} of one choice of an echoed completion ({@code echo: true, max_tokens: 1, logprobs: 1}), read
 * with Jackson's streaming parser into primitive arrays (an answer holds thousands of numbers; a tree of nodes per
 * number cost more than everything else the client does), then {@linkplain #check checked} against the prompt that
 * was sent before anything is scored: {@code token_logprobs}, {@code tokens} and {@code top_logprobs} each hold one
 * entry per prompt token plus the generated one; every entry past the first is finite (the first has no context and
 * is null); {@code tokens}, when the server writes them as ids ({@code token_id:N}, vLLM's
 * {@code --return-tokens-as-token-ids}), are the ids sent. Otherwise the answer is refused with what is missing, so a
 * server that scores only the generated token (llama.cpp) or none never passes as a model at chance.
 */
final class EchoedLogprobs {

    static final String USE_VLLM = "this server returns logprobs only for generated tokens (llama.cpp behaves so);"
            + " use vLLM or SGLang";
    private static final String TOKEN_ID_PREFIX = "token_id:";
    private static final String TOKEN_LOGPROBS = "token_logprobs";
    private static final String TOKENS = "tokens";
    private static final String TOP_LOGPROBS = "top_logprobs";
    /** A {@code tokens} entry that is not {@code token_id:N}. */
    private static final int NOT_AN_ID = -1;

    /** Why the choice has no usable {@code logprobs} object; null when it has one. */
    private String noLogprobs = "the choice has no logprobs (the server ignored \"logprobs\": 1)";
    /** Per field, why it is not a list; absent when it is one. */
    private final TreeMap<String, String> notLists = new TreeMap<>(Map.of(TOKEN_LOGPROBS, "missing", TOKENS, "missing",
            TOP_LOGPROBS, "missing"));
    private final Doubles tokenLogprobs = new Doubles();
    /** Per {@code top_logprobs} entry, its largest value. */
    private final Doubles topMaxima = new Doubles();
    private final Ints tokenIds = new Ints();
    private boolean tokensAreIds;
    /** Values at positions from here on are parsed; before, only checked to be finite (see {@link #readChoices}). */
    private int scoredFrom = 1;
    /** Entries that cannot be scored, by position: what is wrong (filled only when something is, so rarely). */
    private final TreeMap<Integer, String> badTokenLogprobs = new TreeMap<>();
    private final TreeMap<Integer, String> badTopLogprobs = new TreeMap<>();
    /** The text of {@code tokens} entries that are not ids, by position, when the first one is an id. */
    private final TreeMap<Integer, String> tokenTexts = new TreeMap<>();

    private EchoedLogprobs() {
    }

    /**
     * Reads the {@code choices} of a completions answer, the parser at its start, each placed at its {@code index}.
     * Values are parsed where they are scored, from {@code contextLengths[index]} on; before that they are only
     * checked to be finite numbers, which their JSON text shows without parsing (most of an echoed prompt is context,
     * and parsing its numbers cost more than the rest of reading). A choice whose {@code index} comes after its
     * {@code logprobs} (JSON objects are unordered) has every value parsed.
     *
     * @throws IllegalArgumentException saying what is wrong when the answer is no object, has no list
     *                                  {@code choices}, or has not exactly one choice per prompt by {@code index}
     * @throws IOException              when the answer is not valid JSON
     */
    static EchoedLogprobs[] readChoices(JsonParser parser, int[] contextLengths) throws IOException {
        int prompts = contextLengths.length;
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("is not a JSON object");
        }
        List<EchoedLogprobs> choices = null;
        List<Integer> indices = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!field.equals("choices")) {
                parser.skipChildren();
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("has no list \"choices\"");
            }
            choices = new ArrayList<>(prompts);
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                EchoedLogprobs choice = new EchoedLogprobs();
                indices.add(choice.readChoice(parser, contextLengths));
                choices.add(choice);
            }
        }
        if (choices == null) {
            throw new IllegalArgumentException("has no list \"choices\"");
        }
        if (choices.size() != prompts) {
            throw new IllegalArgumentException("has " + choices.size() + " choices");
        }
        EchoedLogprobs[] ordered = new EchoedLogprobs[prompts];
        for (int i = 0; i < prompts; i++) {
            Integer index = indices.get(i);
            if (index == null || index < 0 || index >= prompts || ordered[index] != null) {
                throw new IllegalArgumentException("choice index " + index + " is missing, out of range or repeated");
            }
            ordered[index] = choices.get(i);
        }
        return ordered;
    }

    /** Reads one element of {@code choices}; returns its {@code index}, null when it has none that is an int. */
    private Integer readChoice(JsonParser parser, int[] contextLengths) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        Integer index = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("index") && value == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() == JsonParser.NumberType.INT) {
                index = parser.getIntValue();
                scoredFrom = index >= 0 && index < contextLengths.length ? Math.max(1, contextLengths[index]) : 1;
            } else if (field.equals("logprobs") && value == JsonToken.START_OBJECT) {
                noLogprobs = null;
                readLogprobs(parser);
            } else if (field.equals("logprobs") && value != JsonToken.VALUE_NULL) {
                noLogprobs = "the choice's logprobs is " + describe(parser) + ", not an object";
            } else {
                parser.skipChildren();
            }
        }
        return index;
    }

    private void readLogprobs(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!notLists.containsKey(field)) {
                parser.skipChildren();
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                notLists.put(field, value == JsonToken.VALUE_NULL ? "null" : "not a list");
                parser.skipChildren();
                continue;
            }
            notLists.remove(field);
            switch (field) {
                case TOKEN_LOGPROBS -> readTokenLogprobs(parser);
                case TOKENS -> readTokens(parser);
                default -> readTopLogprobs(parser);
            }
        }
    }

    private void readTokenLogprobs(JsonParser parser) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int position = tokenLogprobs.size();
            double value = finite(parser, position >= scoredFrom);
            if (Double.isNaN(value)) {
                JsonToken token = parser.currentToken();
                badTokenLogprobs.put(position, token == JsonToken.VALUE_NULL ? "is null: " + USE_VLLM
                        : "is " + describe(parser) + ", not a finite number");
            }
            tokenLogprobs.add(value);
        }
    }

    private void readTopLogprobs(JsonParser parser) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int position = topMaxima.size();
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                badTopLogprobs.put(position, top(position) + " is " + (parser.currentToken() == JsonToken.VALUE_NULL
                        ? "null: " + USE_VLLM : describe(parser) + ", not an object of token to logprob"));
                topMaxima.add(Double.NaN);
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            boolean empty = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                parser.nextToken();
                empty = false;
                double value = finite(parser, position >= scoredFrom);
                if (Double.isNaN(value)) {
                    String entry = top(position) + "['" + parser.currentName() + "']";
                    badTopLogprobs.putIfAbsent(position, entry + " is " + describe(parser) + ", not a finite number");
                }
                max = Math.max(max, value);
            }
            if (empty) {
                badTopLogprobs.put(position, top(position) + " is {}, not an object of token to logprob");
            }
            topMaxima.add(max);
        }
    }

    private static String top(int position) {
        return "logprobs.top_logprobs[" + position + "]";
    }

    private void readTokens(JsonParser parser) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int position = tokenIds.size();
            int id = NOT_AN_ID;
            String text = null;
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                text = parser.getText();
                id = tokenId(text);
            } else {
                parser.skipChildren();
            }
            if (position == 0) {
                tokensAreIds = id != NOT_AN_ID;
            }
            if (tokensAreIds && id == NOT_AN_ID) {
                tokenTexts.put(position, text == null ? "(not a string)" : text);
            }
            tokenIds.add(id);
        }
    }

    /** {@code N} of {@code token_id:N}; {@link #NOT_AN_ID} for any other text. */
    private static int tokenId(String text) {
        if (!text.startsWith(TOKEN_ID_PREFIX) || text.length() == TOKEN_ID_PREFIX.length()) {
            return NOT_AN_ID;
        }
        try {
            int id = Integer.parseInt(text, TOKEN_ID_PREFIX.length(), text.length(), 10);
            return id >= 0 ? id : NOT_AN_ID;
        } catch (NumberFormatException e) {
            return NOT_AN_ID;
        }
    }

    /**
     * The current value as a double, NaN when it is not a finite number (null, text, an object, a number too large
     * for a double, ...). Unless {@code parse}, a finite value is returned as 0 when its text shows it finite.
     */
    private static double finite(JsonParser parser, boolean parse) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
            return Double.NaN;
        }
        if (!parse && withoutExponent(parser)) {
            return 0;
        }
        double value = parser.getDoubleValue();
        return Double.isFinite(value) ? value : Double.NaN;
    }

    /**
     * Whether the current number's JSON text has no exponent and under 300 characters, so that it is a finite
     * double (only an exponent or more than 308 digits overflow).
     */
    private static boolean withoutExponent(JsonParser parser) throws IOException {
        int length = parser.getTextLength();
        if (length >= 300) {
            return false;
        }
        char[] text = parser.getTextCharacters();
        for (int i = parser.getTextOffset(), end = i + length; i < end; i++) {
            if (text[i] == 'e' || text[i] == 'E') {
                return false;
            }
        }
        return true;
    }

    /** The current value as JSON text, for messages; consumes it when it is an object or a list. */
    private static String describe(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            return CompletionsClient.abbreviate(parser.readValueAsTree().toString());
        }
        return token == JsonToken.VALUE_STRING ? "\"" + parser.getText() + "\"" : parser.getText();
    }

    /**
     * Checks this choice against the prompt that was sent.
     *
     * @throws IllegalArgumentException saying what is missing or wrong
     */
    void check(int[] prompt) {
        if (noLogprobs != null) {
            throw new IllegalArgumentException(noLogprobs);
        }
        if (!notLists.isEmpty()) {
            throw new IllegalArgumentException("logprobs." + notLists.firstKey() + " is " + notLists.firstEntry()
                    .getValue());
        }
        int expected = prompt.length + 1;
        if (tokenLogprobs.size() < prompt.length) {
            throw new IllegalArgumentException("logprobs.token_logprobs has " + tokenLogprobs.size() + " entries for a"
                    + " prompt of " + prompt.length + " tokens: the prompt was not echoed with its logprobs; "
                    + USE_VLLM);
        }
        for (Map.Entry<String, Integer> field : List.of(Map.entry(TOKEN_LOGPROBS, tokenLogprobs.size()),
                Map.entry(TOKENS, tokenIds.size()), Map.entry(TOP_LOGPROBS, topMaxima.size()))) {
            if (field.getValue() != expected) {
                throw new IllegalArgumentException("logprobs." + field.getKey() + " has " + field.getValue()
                        + " entries, expected " + expected + " (" + prompt.length + " prompt tokens and 1 generated)");
            }
        }
        // The first bad entry among positions 1 .. prompt.length - 1, token_logprobs before top_logprobs.
        Integer token = firstFrom(badTokenLogprobs, prompt.length);
        Integer top = firstFrom(badTopLogprobs, prompt.length);
        if (token != null && (top == null || token <= top)) {
            throw new IllegalArgumentException("logprobs.token_logprobs[" + token + "] " + badTokenLogprobs.get(token));
        }
        if (top != null) {
            throw new IllegalArgumentException(badTopLogprobs.get(top));
        }
        if (tokensAreIds) {
            for (int i = 0; i < prompt.length; i++) {
                if (tokenIds.get(i) != prompt[i]) {
                    String sent = tokenIds.get(i) == NOT_AN_ID ? tokenTexts.get(i) : TOKEN_ID_PREFIX + tokenIds.get(i);
                    throw new IllegalArgumentException("logprobs.tokens[" + i + "] is '" + sent + "' but token id "
                            + prompt[i] + " was sent there");
                }
            }
        }
    }

    private static Integer firstFrom(TreeMap<Integer, String> bad, int end) {
        Integer position = bad.ceilingKey(1);
        return position != null && position < end ? position : null;
    }

    /**
     * lm-eval's {@code parse_logprobs} on a {@linkplain #check checked} choice: the sum of
     * {@code token_logprobs[ctxlen:-1]}, greedy when each of those equals the largest value of its
     * {@code top_logprobs} entry.
     */
    Loglikelihood score(int contextLength) {
        if (contextLength < 1) {
            throw new IllegalArgumentException("context length must be at least 1 (lm-eval asserts so), was "
                    + contextLength);
        }
        if (contextLength < scoredFrom) {
            throw new IllegalStateException("values from position " + scoredFrom + " on were read, not from "
                    + contextLength);
        }
        double sum = 0;
        boolean greedy = true;
        for (int i = contextLength; i < tokenLogprobs.size() - 1; i++) {
            sum += tokenLogprobs.get(i);
            greedy &= tokenLogprobs.get(i) >= topMaxima.get(i);
        }
        return new Loglikelihood(sum, greedy);
    }

    /** Whether the server wrote tokens as {@code token_id:N}, so that they were checked against the ids sent. */
    boolean tokensAreIds() {
        return tokensAreIds;
    }

    /** A growing double[]. */
    private static final class Doubles {
        private double[] values = new double[256];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        double get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }
    }

    /** A growing int[]. */
    private static final class Ints {
        private int[] values = new int[256];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }
    }
}

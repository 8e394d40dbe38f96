package dev.wmdpjunit.openai;

import dev.wmdpjunit.core.model.ProviderSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code wmdp.remote.*} keys, read once and checked, each error naming its key.
 *
 * @param model       served model name ({@code wmdp.remote.model}); empty: the one model {@code /v1/models} lists
 * @param tokenizer   local folder holding the served model's {@code tokenizer.json} ({@code wmdp.remote.tokenizer})
 * @param concurrency requests in flight at once ({@code wmdp.remote.concurrency})
 * @param timeout     longest wait for one answer ({@code wmdp.remote.timeout}, seconds)
 * @param batchSize   prompts per request ({@code wmdp.remote.batchSize})
 * @param apiKeyEnv   name of the environment variable holding the API key ({@code wmdp.remote.apiKeyEnv})
 * @param maxLength   tokens kept per prompt, from the left, as lm-eval's API models ({@code wmdp.remote.maxLength});
 *                    empty: decided at open from what the server reports ({@code OpenAiLanguageModelProvider})
 * @param retries     further tries of a request after 429, 5xx or a dropped connection ({@code wmdp.remote.retries})
 */
public record RemoteSettings(Optional<String> model, Path tokenizer, int concurrency, Duration timeout, int batchSize,
                             Optional<String> apiKeyEnv, OptionalInt maxLength, int retries) {

    public static final String PREFIX = "wmdp.remote.";
    public static final String MODEL = PREFIX + "model";
    public static final String TOKENIZER = PREFIX + "tokenizer";
    public static final String CONCURRENCY = PREFIX + "concurrency";
    public static final String TIMEOUT = PREFIX + "timeout";
    public static final String BATCH_SIZE = PREFIX + "batchSize";
    public static final String API_KEY_ENV = PREFIX + "apiKeyEnv";
    public static final String MAX_LENGTH = PREFIX + "maxLength";
    public static final String RETRIES = PREFIX + "retries";

    /** lm-eval's default {@code max_length} for API models; used when neither the key nor the server says more. */
    public static final int DEFAULT_MAX_LENGTH = 2048;

    /** What is wrong with the settings, as one message naming the key; empty when they can be read. */
    static Optional<String> problem(ProviderSettings settings) {
        try {
            read(settings);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    public static RemoteSettings read(ProviderSettings settings) {
        Path tokenizer = settings.get(TOKENIZER).map(Path::of).orElseThrow(() -> new IllegalArgumentException(
                TOKENIZER + " is not set: give the local folder holding the served model's tokenizer.json (requests"
                        + " are sent as token ids, as lm-eval does)"));
        if (!Files.isRegularFile(tokenizer.resolve("tokenizer.json"))) {
            throw new IllegalArgumentException(TOKENIZER + " = '" + tokenizer + "': no tokenizer.json in "
                    + tokenizer.toAbsolutePath());
        }
        Optional<String> apiKeyEnv = settings.get(API_KEY_ENV);
        apiKeyEnv.ifPresent(name -> {
            if (System.getenv(name) == null) {
                throw new IllegalArgumentException(API_KEY_ENV + " = '" + name + "': that environment variable is"
                        + " not set");
            }
        });
        return new RemoteSettings(settings.get(MODEL), tokenizer, positive(settings, CONCURRENCY, 4),
                Duration.ofSeconds(positive(settings, TIMEOUT, 300)), positive(settings, BATCH_SIZE, 16), apiKeyEnv,
                settings.get(MAX_LENGTH).isPresent() ? OptionalInt.of(positive(settings, MAX_LENGTH, 0))
                        : OptionalInt.empty(), atLeastZero(settings, RETRIES, 5));
    }

    /** The API key, read from the environment at the moment of use; never stored in settings or printed. */
    Optional<String> apiKey() {
        return apiKeyEnv.map(System::getenv);
    }

    private static int positive(ProviderSettings settings, String key, int fallback) {
        int value = integer(settings, key, fallback);
        if (value < 1) {
            throw new IllegalArgumentException(key + " = " + value + ": must be at least 1");
        }
        return value;
    }

    private static int atLeastZero(ProviderSettings settings, String key, int fallback) {
        int value = integer(settings, key, fallback);
        if (value < 0) {
            throw new IllegalArgumentException(key + " = " + value + ": must be 0 or more");
        }
        return value;
    }

    private static int integer(ProviderSettings settings, String key, int fallback) {
        Optional<String> text = settings.get(key);
        try {
            return text.map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = '" + text.get() + "': not a whole number");
        }
    }
}

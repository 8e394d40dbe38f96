package dev.wmdpjunit.djl.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a model directory says about its tokenizer beyond {@code tokenizer.json}: the BOS and EOS tokens and
 * whether decoding cleans up spaces.
 *
 * <p>Special tokens are resolved the way transformers resolves {@code tokenizer.bos_token_id} (which is what
 * lm-eval uses), falling back to the model's own ids only when the tokenizer files say nothing:
 * <ol>
 *   <li>{@code special_tokens_map.json}, if it has the key and {@code tokenizer_config.json} is absent, is in the
 *       legacy layout (no {@code added_tokens_decoder}), or lacks the key: transformers lets this file override
 *       legacy configs;</li>
 *   <li>{@code tokenizer_config.json} ({@code "bos_token": "<s>"} or {@code {"content": "<s>", ...}}; an explicit
 *       {@code null} means the tokenizer has no such token, and nothing further is consulted);</li>
 *   <li>the id {@code bos_token_id} / {@code eos_token_id} of {@code generation_config.json}, then of
 *       {@code config.json} (when a list, as Llama 3 writes EOS, the first id).</li>
 * </ol>
 * A token text is turned into an id through {@code tokenizer.json}; a text it does not contain is an error.
 * Spaces are cleaned up after decoding only if {@code tokenizer_config.json} sets
 * {@code clean_up_tokenization_spaces} to true (current transformers' default is false).
 */
final class TokenizerSettings {

    /** A special token: its text as the tokenizer spells it, and its id. */
    record SpecialToken(String text, int id) {
    }

    static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
    static final String GENERATION_CONFIG = "generation_config.json";
    static final String MODEL_CONFIG = "config.json";

    private final Optional<SpecialToken> bos;
    private final Optional<SpecialToken> eos;
    private final boolean cleanUpTokenizationSpaces;

    private TokenizerSettings(Optional<SpecialToken> bos, Optional<SpecialToken> eos, boolean cleanUpTokenizationSpaces) {
        this.bos = bos;
        this.eos = eos;
        this.cleanUpTokenizationSpaces = cleanUpTokenizationSpaces;
    }

    Optional<SpecialToken> bos() {
        return bos;
    }

    Optional<SpecialToken> eos() {
        return eos;
    }

    boolean cleanUpTokenizationSpaces() {
        return cleanUpTokenizationSpaces;
    }

    static TokenizerSettings read(Path directory, TokenizerVocabulary vocabulary) {
        ConfigFile tokenizerConfig = ConfigFile.read(directory.resolve(TOKENIZER_CONFIG));
        ConfigFile specialTokensMap = ConfigFile.read(directory.resolve(SPECIAL_TOKENS_MAP));
        ConfigFile generationConfig = ConfigFile.read(directory.resolve(GENERATION_CONFIG));
        ConfigFile modelConfig = ConfigFile.read(directory.resolve(MODEL_CONFIG));
        boolean legacyLayout = !tokenizerConfig.has("added_tokens_decoder");
        Resolver resolver = new Resolver(vocabulary, tokenizerConfig, specialTokensMap, generationConfig, modelConfig,
                legacyLayout);
        JsonNode cleanUp = tokenizerConfig.get("clean_up_tokenization_spaces");
        if (cleanUp != null && !cleanUp.isBoolean() && !cleanUp.isNull()) {
            throw new IllegalArgumentException(tokenizerConfig.file + ": clean_up_tokenization_spaces is " + cleanUp
                    + ", not true or false");
        }
        return new TokenizerSettings(resolver.resolve("bos_token"), resolver.resolve("eos_token"),
                cleanUp != null && cleanUp.asBoolean());
    }

    private record Resolver(TokenizerVocabulary vocabulary, ConfigFile tokenizerConfig, ConfigFile specialTokensMap,
                            ConfigFile generationConfig, ConfigFile modelConfig, boolean legacyLayout) {

        Optional<SpecialToken> resolve(String key) {
            if (specialTokensMap.has(key) && (legacyLayout || !tokenizerConfig.has(key))) {
                return fromText(specialTokensMap, key);
            }
            if (tokenizerConfig.has(key)) {
                return fromText(tokenizerConfig, key);
            }
            Optional<SpecialToken> fromGeneration = fromId(generationConfig, key + "_id");
            return fromGeneration.isPresent() ? fromGeneration : fromId(modelConfig, key + "_id");
        }

        private Optional<SpecialToken> fromText(ConfigFile config, String key) {
            JsonNode value = config.get(key);
            if (value.isNull()) {
                return Optional.empty();
            }
            JsonNode content = value.isObject() ? value.get("content") : value;
            if (content == null || !content.isTextual()) {
                throw new IllegalArgumentException(config.file + ": " + key + " is " + value
                        + ", not a token string or an object with a \"content\" string");
            }
            String text = content.textValue();
            int id = vocabulary.idOf(text).orElseThrow(() -> new IllegalArgumentException(config.file + ": " + key
                    + " '" + text + "' is not a token of tokenizer.json"));
            return Optional.of(new SpecialToken(text, id));
        }

        private Optional<SpecialToken> fromId(ConfigFile config, String key) {
            JsonNode value = config.get(key);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            JsonNode first = value.isArray() ? value.get(0) : value;
            if (first == null || !first.isIntegralNumber() || !first.canConvertToInt()) {
                throw new IllegalArgumentException(config.file + ": " + key + " is " + value
                        + ", not a token id or a list of them");
            }
            int id = first.intValue();
            String text = vocabulary.tokenOf(id).orElseThrow(() -> new IllegalArgumentException(config.file + ": "
                    + key + " " + id + " is not an id of tokenizer.json"));
            return Optional.of(new SpecialToken(text, id));
        }
    }

    /** A JSON object read from an optional file; an absent file behaves as an empty object. */
    private record ConfigFile(Path file, JsonNode root) {

        static ConfigFile read(Path file) {
            if (!Files.exists(file)) {
                return new ConfigFile(file, null);
            }
            try {
                JsonNode root = new ObjectMapper().readTree(file.toFile());
                if (root == null || !root.isObject()) {
                    throw new IllegalArgumentException(file + ": not a JSON object");
                }
                return new ConfigFile(file, root);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
            }
        }

        boolean has(String key) {
            return root != null && root.has(key);
        }

        JsonNode get(String key) {
            return root == null ? null : root.get(key);
        }
    }
}

package dev.wmdpjunit.djl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code max_length} lm-eval's HFLM derives for a model when none is given ({@code LM_EVAL_SCORING.md} section
 * 6): the first of {@code n_positions}, {@code max_position_embeddings}, {@code n_ctx} in config.json (a nested
 * {@code text_config} first, as newer harness versions check), else the tokenizer's {@code model_max_length}
 * unless it is transformers' "infinite" sentinel {@code int(1e30)}, else 2048.
 */
public final class ModelMaxLength {

    /** lm-eval's {@code _DEFAULT_MAX_LENGTH}. */
    public static final int DEFAULT = 2048;

    /** transformers' {@code VERY_LARGE_INTEGER = int(1e30)}: "no limit" in a tokenizer config. */
    static final BigInteger INFINITE_SENTINEL = new BigInteger("1000000000000000019884624838656");

    private static final List<String> CONFIG_KEYS = List.of("n_positions", "max_position_embeddings", "n_ctx");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelMaxLength() {
    }

    /** Reads {@code config.json} and, if present, {@code tokenizer_config.json} of a model directory. */
    public static int of(Path directory) {
        JsonNode config = read(directory.resolve("config.json"));
        Path tokenizerConfig = directory.resolve("tokenizer_config.json");
        JsonNode tokenizer = Files.isRegularFile(tokenizerConfig) ? read(tokenizerConfig) : JSON.createObjectNode();
        return derive(config, tokenizer, directory.toString());
    }

    /**
     * @param config          the config.json object
     * @param tokenizerConfig the tokenizer_config.json object (empty if the directory has none)
     * @param source          the model directory, for error messages
     */
    static int derive(JsonNode config, JsonNode tokenizerConfig, String source) {
        JsonNode textConfig = config.path("text_config");
        for (JsonNode node : List.of(textConfig, config)) {
            for (String key : CONFIG_KEYS) {
                JsonNode value = node.get(key);
                if (value != null && !value.isNull()) {
                    return positive(value, source + "/config.json: " + key);
                }
            }
        }
        JsonNode modelMaxLength = tokenizerConfig.get("model_max_length");
        if (modelMaxLength != null && !modelMaxLength.isNull()) {
            if (!modelMaxLength.isIntegralNumber()) {
                throw new IllegalArgumentException(source + "/tokenizer_config.json: model_max_length must be an"
                        + " integer, got " + modelMaxLength);
            }
            if (!modelMaxLength.bigIntegerValue().equals(INFINITE_SENTINEL)) {
                return positive(modelMaxLength, source + "/tokenizer_config.json: model_max_length");
            }
        }
        return DEFAULT;
    }

    private static int positive(JsonNode value, String where) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
            throw new IllegalArgumentException(where + " must be a positive integer, got " + value);
        }
        return value.asInt();
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(file + ": not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

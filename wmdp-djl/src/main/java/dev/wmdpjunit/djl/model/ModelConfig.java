package dev.wmdpjunit.djl.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The hyperparameters of a checkpoint, read from its Hugging Face {@code config.json}.
 *
 * <p>Every value comes from the file. A key may be absent only where transformers 4.40.2 itself fills in a
 * class default, and then the same default is used here:
 * <ul>
 *   <li>{@code tie_word_embeddings}: true for gpt2 (the library default, which save_pretrained does not
 *       write), false for every other architecture;</li>
 *   <li>{@code head_dim}: hidden_size / num_attention_heads (4.40.2 does not read the key at all; newer
 *       configs write it, and when present it is used);</li>
 *   <li>llama only: {@code num_key_value_heads} = num_attention_heads, {@code rope_theta} = 10000,
 *       {@code attention_bias} = false;</li>
 *   <li>gpt_neox: {@code use_parallel_residual} = true, {@code attention_bias} = true;</li>
 *   <li>gpt2: {@code n_inner} (absent or null) = 4 * n_embd, {@code activation_function} = gelu_new,
 *       {@code scale_attn_weights} = true, {@code scale_attn_by_inverse_layer_idx} = false.</li>
 * </ul>
 * Every other key the architecture needs must be present; {@code sliding_window} must be present (null means
 * no window) for mistral, mixtral and qwen2. A non-null {@code rope_scaling} is rejected.
 *
 * @param source             the config file, for error messages
 * @param headDim            width of one attention head
 * @param numKvHeads         key/value heads; fewer than {@code numHeads} means grouped-query attention
 * @param normEps            rms_norm_eps, layer_norm_eps or layer_norm_epsilon, depending on the architecture
 * @param maxPositions       max_position_embeddings (n_positions for gpt2); only gpt2 cannot go beyond it
 * @param ropeTheta          rotary base (rope_theta, or rotary_emb_base for gpt_neox); unused by gpt2
 * @param rotaryDim          head dimensions that are rotated (head_dim, or int(head_dim * rotary_pct) for gpt_neox)
 * @param attentionBias      llama: q/k/v/o projections have biases; gpt_neox: query_key_value and dense have biases
 * @param slidingWindow      attention window of mistral, mixtral and qwen2; empty means full causal attention
 * @param numExperts         mixtral num_local_experts (0 for dense models)
 * @param numExpertsPerToken mixtral num_experts_per_tok (0 for dense models)
 * @param parallelResidual   gpt_neox use_parallel_residual
 * @param scaleAttentionWeights gpt2 scale_attn_weights (every other architecture scales by 1/sqrt(head_dim))
 * @param scaleAttentionByInverseLayerIdx gpt2 scale_attn_by_inverse_layer_idx
 * @param eosTokenIds        eos_token_id as an int or a list; empty if absent or null
 */
public record ModelConfig(
        String source,
        Architecture architecture,
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        int intermediateSize,
        int maxPositions,
        double normEps,
        Activation activation,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        double ropeTheta,
        int rotaryDim,
        OptionalInt slidingWindow,
        int numExperts,
        int numExpertsPerToken,
        boolean parallelResidual,
        boolean scaleAttentionWeights,
        boolean scaleAttentionByInverseLayerIdx,
        List<Long> eosTokenIds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
        check(vocabSize > 0 && hiddenSize > 0 && numLayers > 0 && numHeads > 0 && headDim > 0
                && intermediateSize > 0 && maxPositions > 0, source, "sizes must be positive");
        check(numKvHeads > 0 && numHeads % numKvHeads == 0, source,
                "num_attention_heads " + numHeads + " is not a multiple of num_key_value_heads " + numKvHeads);
        check(architecture == Architecture.GPT2 || rotaryDim > 0 && rotaryDim % 2 == 0 && rotaryDim <= headDim,
                source, "rotary dimension " + rotaryDim + " must be even and at most head_dim " + headDim);
        check(slidingWindow.isEmpty() || slidingWindow.getAsInt() > 0, source, "sliding_window must be positive");
        check(numExpertsPerToken <= numExperts, source, "num_experts_per_tok exceeds num_local_experts");
    }

    /** Reads a config.json file. */
    public static ModelConfig read(Path configJson) {
        try {
            return parse(JSON.readTree(configJson.toFile()), configJson.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model config " + configJson, e);
        }
    }

    /**
     * Parses the JSON object of a config.json.
     *
     * @param source where the JSON came from, for error messages
     */
    public static ModelConfig parse(JsonNode json, String source) {
        Keys keys = new Keys(json, source);
        Architecture architecture = Architecture.fromModelType(keys.requireString("model_type"), source);
        keys.rejectNonNull("rope_scaling", "rope_scaling is not supported");
        return switch (architecture) {
            case LLAMA, MISTRAL, MIXTRAL, QWEN2 -> parseLlamaFamily(keys, architecture);
            case GPT_NEOX -> parseGptNeox(keys);
            case GPT2 -> parseGpt2(keys);
        };
    }

    /** True for sparse mixture-of-experts feed-forward layers (mixtral). */
    public boolean isMixtureOfExperts() {
        return numExperts > 0;
    }

    private static ModelConfig parseLlamaFamily(Keys keys, Architecture architecture) {
        boolean llama = architecture == Architecture.LLAMA;
        int hidden = keys.requireInt("hidden_size");
        int heads = keys.requireInt("num_attention_heads");
        int headDim = keys.optionalInt("head_dim").orElseGet(() -> keys.divide(hidden, heads));
        int kvHeads = llama ? keys.optionalInt("num_key_value_heads").orElse(heads)
                : keys.requireInt("num_key_value_heads");
        boolean moe = architecture == Architecture.MIXTRAL;
        return new ModelConfig(
                keys.source(),
                architecture,
                keys.requireInt("vocab_size"),
                hidden,
                keys.requireInt("num_hidden_layers"),
                heads,
                kvHeads,
                headDim,
                keys.requireInt("intermediate_size"),
                keys.requireInt("max_position_embeddings"),
                keys.requireDouble("rms_norm_eps"),
                Activation.fromHfName(keys.requireString("hidden_act"), keys.source() + ": hidden_act"),
                keys.optionalBoolean("tie_word_embeddings", false),
                llama && keys.optionalBoolean("attention_bias", false),
                llama ? keys.optionalDouble("rope_theta", 10000.0) : keys.requireDouble("rope_theta"),
                headDim,
                llama ? OptionalInt.empty() : keys.requireNullableInt("sliding_window"),
                moe ? keys.requireInt("num_local_experts") : 0,
                moe ? keys.requireInt("num_experts_per_tok") : 0,
                false,
                true,
                false,
                keys.tokenIds("eos_token_id"));
    }

    private static ModelConfig parseGptNeox(Keys keys) {
        int hidden = keys.requireInt("hidden_size");
        int heads = keys.requireInt("num_attention_heads");
        int headDim = keys.divide(hidden, heads);
        return new ModelConfig(
                keys.source(),
                Architecture.GPT_NEOX,
                keys.requireInt("vocab_size"),
                hidden,
                keys.requireInt("num_hidden_layers"),
                heads,
                heads,
                headDim,
                keys.requireInt("intermediate_size"),
                keys.requireInt("max_position_embeddings"),
                keys.requireDouble("layer_norm_eps"),
                Activation.fromHfName(keys.requireString("hidden_act"), keys.source() + ": hidden_act"),
                keys.optionalBoolean("tie_word_embeddings", false),
                keys.optionalBoolean("attention_bias", true),
                keys.requireDouble("rotary_emb_base"),
                // Python's int() truncates, as GPTNeoXAttention does: int(head_size * rotary_pct)
                (int) (headDim * keys.requireDouble("rotary_pct")),
                OptionalInt.empty(),
                0,
                0,
                keys.optionalBoolean("use_parallel_residual", true),
                true,
                false,
                keys.tokenIds("eos_token_id"));
    }

    private static ModelConfig parseGpt2(Keys keys) {
        int hidden = keys.requireInt("n_embd");
        int heads = keys.requireInt("n_head");
        return new ModelConfig(
                keys.source(),
                Architecture.GPT2,
                keys.requireInt("vocab_size"),
                hidden,
                keys.requireInt("n_layer"),
                heads,
                heads,
                keys.divide(hidden, heads),
                keys.optionalInt("n_inner").orElse(4 * hidden),
                keys.requireInt("n_positions"),
                keys.requireDouble("layer_norm_epsilon"),
                Activation.fromHfName(keys.optionalString("activation_function", "gelu_new"),
                        keys.source() + ": activation_function"),
                keys.optionalBoolean("tie_word_embeddings", true),
                true,
                0.0,
                0,
                OptionalInt.empty(),
                0,
                0,
                false,
                keys.optionalBoolean("scale_attn_weights", true),
                keys.optionalBoolean("scale_attn_by_inverse_layer_idx", false),
                keys.tokenIds("eos_token_id"));
    }

    private static void check(boolean condition, String source, String message) {
        if (!condition) {
            throw new IllegalArgumentException(source + ": " + message);
        }
    }

    /** Typed access to the keys of one config file, with errors that name the file and the key. */
    private record Keys(JsonNode json, String source) {

        Keys {
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException(source + ": config is not a JSON object");
            }
        }

        String requireString(String key) {
            JsonNode node = require(key);
            if (!node.isTextual()) {
                throw invalid(key, "a string", node);
            }
            return node.asText();
        }

        String optionalString(String key, String absent) {
            return isAbsentOrNull(key) ? absent : requireString(key);
        }

        int requireInt(String key) {
            JsonNode node = require(key);
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw invalid(key, "an integer", node);
            }
            return node.asInt();
        }

        OptionalInt optionalInt(String key) {
            return isAbsentOrNull(key) ? OptionalInt.empty() : OptionalInt.of(requireInt(key));
        }

        /** A key that must be present but may be null. */
        OptionalInt requireNullableInt(String key) {
            return require(key).isNull() ? OptionalInt.empty() : OptionalInt.of(requireInt(key));
        }

        double requireDouble(String key) {
            JsonNode node = require(key);
            if (!node.isNumber()) {
                throw invalid(key, "a number", node);
            }
            return node.asDouble();
        }

        double optionalDouble(String key, double absent) {
            return isAbsentOrNull(key) ? absent : requireDouble(key);
        }

        boolean optionalBoolean(String key, boolean absent) {
            if (isAbsentOrNull(key)) {
                return absent;
            }
            JsonNode node = json.get(key);
            if (!node.isBoolean()) {
                throw invalid(key, "true or false", node);
            }
            return node.asBoolean();
        }

        /** A token id given as an int, a list of ints, or null. */
        List<Long> tokenIds(String key) {
            if (isAbsentOrNull(key)) {
                return List.of();
            }
            JsonNode node = json.get(key);
            List<Long> ids = new ArrayList<>();
            for (JsonNode id : node.isArray() ? node : List.of(node)) {
                if (!id.isIntegralNumber()) {
                    throw invalid(key, "a token id or a list of token ids", node);
                }
                ids.add(id.asLong());
            }
            return ids;
        }

        void rejectNonNull(String key, String message) {
            if (!isAbsentOrNull(key)) {
                throw new IllegalArgumentException(source + ": " + message + " (" + key + " = " + json.get(key) + ")");
            }
        }

        int divide(int hidden, int heads) {
            if (heads <= 0 || hidden % heads != 0) {
                throw new IllegalArgumentException(source + ": hidden size " + hidden
                        + " is not a multiple of the number of attention heads " + heads);
            }
            return hidden / heads;
        }

        private boolean isAbsentOrNull(String key) {
            return !json.has(key) || json.get(key).isNull();
        }

        private JsonNode require(String key) {
            if (!json.has(key)) {
                throw new IllegalArgumentException(source + ": required key '" + key + "' is missing");
            }
            return json.get(key);
        }

        private IllegalArgumentException invalid(String key, String expected, JsonNode actual) {
            return new IllegalArgumentException(source + ": key '" + key + "' must be " + expected + ", got " + actual);
        }
    }
}

package dev.wmdpjunit.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.djl.model.ModelConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo model's Hugging Face {@code config.json}: a small Llama (4 layers, hidden 128, tied embeddings) over
 * the {@link WordTokenizer} vocabulary, and its {@code generation_config.json}.
 */
public final class DemoModelConfig {

    public static final int HIDDEN = 128;
    public static final int LAYERS = 4;
    public static final int HEADS = 4;
    public static final int INTERMEDIATE = 384;
    /** Longer than any demo text (the longest practice question is about 60 tokens). */
    public static final int MAX_POSITIONS = 256;

    private DemoModelConfig() {
    }

    /** The config.json content for a vocabulary of {@code vocabSize} tokens. */
    public static Map<String, Object> configJson(WordTokenizer tokenizer) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", new String[] {"LlamaForCausalLM"});
        config.put("attention_bias", false);
        config.put("bos_token_id", tokenizer.id(WordTokenizer.BOS));
        config.put("eos_token_id", tokenizer.id(WordTokenizer.EOS));
        config.put("hidden_act", "silu");
        config.put("hidden_size", HIDDEN);
        config.put("initializer_range", InitialWeights.STD);
        config.put("intermediate_size", INTERMEDIATE);
        config.put("max_position_embeddings", MAX_POSITIONS);
        config.put("model_type", "llama");
        config.put("num_attention_heads", HEADS);
        config.put("num_hidden_layers", LAYERS);
        config.put("num_key_value_heads", HEADS);
        config.put("pad_token_id", tokenizer.id(WordTokenizer.PAD));
        config.put("rms_norm_eps", 1e-5);
        config.put("rope_scaling", null);
        config.put("rope_theta", 10000.0);
        config.put("tie_word_embeddings", true);
        config.put("torch_dtype", "float32");
        config.put("vocab_size", tokenizer.size());
        return config;
    }

    /** The parsed form of {@link #configJson}, as {@link ModelConfig#read} would read it from the file. */
    public static ModelConfig modelConfig(WordTokenizer tokenizer, String source) {
        JsonNode json = new ObjectMapper().valueToTree(configJson(tokenizer));
        return ModelConfig.parse(json, source);
    }

    /** Writes config.json and generation_config.json into {@code directory}. */
    public static void write(WordTokenizer tokenizer, Path directory) throws IOException {
        WordTokenizer.writeJson(directory.resolve("config.json"), configJson(tokenizer));
        Map<String, Object> generation = new LinkedHashMap<>();
        generation.put("bos_token_id", tokenizer.id(WordTokenizer.BOS));
        generation.put("eos_token_id", tokenizer.id(WordTokenizer.EOS));
        generation.put("pad_token_id", tokenizer.id(WordTokenizer.PAD));
        WordTokenizer.writeJson(directory.resolve("generation_config.json"), generation);
    }
}

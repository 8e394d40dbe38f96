package dev.wmdpjunit.djl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.LanguageModelProvider;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.djl.model.Architecture;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Registers {@link DjlLanguageModel} with the {@link LanguageModelProvider} service: it supports a directory
 * with a {@code config.json} whose {@code model_type} is one of the {@link Architecture}s and a
 * {@code tokenizer.json}.
 */
public final class DjlLanguageModelProvider implements LanguageModelProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "djl-pytorch";
    }

    @Override
    public boolean supports(Path checkpoint) {
        Path config = checkpoint.resolve("config.json");
        if (!Files.isRegularFile(config) || !Files.isRegularFile(checkpoint.resolve(HfTokenizer.TOKENIZER_FILE))) {
            return false;
        }
        try {
            JsonNode modelType = JSON.readTree(config.toFile()).path("model_type");
            Architecture.fromModelType(modelType.asText(), config.toString());
            return modelType.isTextual();
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public LanguageModel open(Path checkpoint, ModelOptions options) {
        return DjlLanguageModel.open(checkpoint, options);
    }
}

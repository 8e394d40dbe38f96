package dev.wmdpjunit.djl.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.model.Claim;
import dev.wmdpjunit.core.model.LanguageModelProvider;
import dev.wmdpjunit.core.model.ModelIdentity;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.model.ProviderSettings;
import dev.wmdpjunit.djl.checkpoint.CheckpointDirectory;
import dev.wmdpjunit.djl.model.Architecture;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registers {@link DjlLanguageModel} with the {@link LanguageModelProvider} service. It opens a local Hugging Face
 * checkpoint folder: a {@code config.json} whose {@code model_type} is one of the {@link Architecture}s, the
 * safetensors weights and a {@code tokenizer.json}. It claims every local folder with a {@code config.json} (or
 * with weights or a tokenizer but no config.json) and every such file given instead of its folder, so that what
 * is wrong with them is reported as the cause; the model's identity is the folder's {@link ModelIdentity#folder
 * fingerprint}, with the precision the weights were held in as the detail {@link #WEIGHT_DTYPE}. It reads no
 * configuration keys.
 */
public final class DjlLanguageModelProvider implements LanguageModelProvider {

    /**
     * The {@link ModelIdentity#details()} key of the precision the weights were held in ({@code wmdp.dtype}'s value
     * or the checkpoint's own: {@code bfloat16}, {@code float16}, {@code float32}); scores depend on it.
     */
    public static final String WEIGHT_DTYPE = "weightDtype";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = "config.json";
    /** Files of a Hugging Face checkpoint folder: given one of these, the user meant its folder. */
    private static final Set<String> CHECKPOINT_FILES = Set.of(CONFIG, HfTokenizer.TOKENIZER_FILE,
            CheckpointDirectory.SHARD_INDEX, "pytorch_model.bin", "tokenizer_config.json", "generation_config.json");

    @Override
    public String name() {
        return "djl-pytorch";
    }

    @Override
    public String opens() {
        return "a local Hugging Face checkpoint folder (config.json with model_type " + Architecture.supported()
                + ", *.safetensors, tokenizer.json; module wmdp-djl)";
    }

    @Override
    public Claim claim(ModelReference reference, ProviderSettings settings) {
        Optional<Path> local = reference.localPath();
        if (local.isEmpty()) {
            return Claim.notMine("not a local path");
        }
        Path path = local.get();
        if (Files.isRegularFile(path)) {
            return isCheckpointFile(path.getFileName().toString())
                    ? Claim.broken(path + " is a file; give the checkpoint folder that holds it, "
                            + path.toAbsolutePath().getParent())
                    : Claim.notMine(path + " is a file, not a checkpoint folder");
        }
        Path config = path.resolve(CONFIG);
        if (!Files.isRegularFile(config)) {
            return holdsCheckpointFiles(path)
                    ? Claim.broken(path + " has no " + CONFIG + " (a Hugging Face checkpoint folder holds " + CONFIG
                            + ", *.safetensors and " + HfTokenizer.TOKENIZER_FILE + ")")
                    : Claim.notMine(path + " has no " + CONFIG);
        }
        Optional<String> configProblem = configProblem(config);
        if (configProblem.isPresent()) {
            return Claim.broken(configProblem.get());
        }
        if (!Files.isRegularFile(path.resolve(HfTokenizer.TOKENIZER_FILE))) {
            return Claim.broken(path + " has no " + HfTokenizer.TOKENIZER_FILE
                    + " (only Hugging Face fast tokenizers are supported)");
        }
        return Claim.mine();
    }

    /** What keeps config.json from naming a supported architecture, cheaply (the full check is at open). */
    private static Optional<String> configProblem(Path config) {
        JsonNode root;
        try {
            root = JSON.readTree(config.toFile());
        } catch (JsonProcessingException e) {
            return Optional.of(config + ": not valid JSON (" + e.getOriginalMessage() + ", line "
                    + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            return Optional.of(config + ": cannot be read (" + e + ")");
        }
        if (root == null || !root.isObject()) {
            return Optional.of(config + ": expected a JSON object, got " + (root == null || root.isMissingNode()
                    ? "an empty file" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        JsonNode modelType = root.get("model_type");
        if (modelType == null || !modelType.isTextual()) {
            return Optional.of(config + ": key 'model_type' is " + (modelType == null ? "missing" : "not a string ("
                    + modelType + ")") + "; supported: " + Architecture.supported());
        }
        try {
            Architecture.fromModelType(modelType.textValue(), config.toString());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static boolean isCheckpointFile(String name) {
        return CHECKPOINT_FILES.contains(name) || name.endsWith(".safetensors");
    }

    private static boolean holdsCheckpointFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (isCheckpointFile(file.getFileName().toString())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    @Override
    public OpenedModel open(ModelReference reference, ModelOptions options, ProviderSettings settings) {
        Path checkpoint = reference.requireLocalPath(name() + " opens local checkpoint folders");
        DjlLanguageModel model = DjlLanguageModel.open(checkpoint, options);
        try {
            ModelIdentity identity = new ModelIdentity(ModelIdentity.FOLDER, checkpoint.toString(),
                    ModelIdentity.fingerprint(checkpoint), true,
                    Map.of(WEIGHT_DTYPE, model.causalLm().weightDtype().id()));
            return new OpenedModel(model, identity);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}

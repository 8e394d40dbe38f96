package dev.wmdpjunit.rmu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wmdpjunit.core.testing.SharedFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RMU reference run of the golden fixture folder ({@code wmdp.golden.dir}/rmu): every setting is read from
 * {@code rmu_golden.json}, nothing is assumed, so another reference run in the same layout is checked the same way.
 */
final class GoldenRmu {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?");

    final Path dir;
    final JsonNode json;

    private GoldenRmu(Path dir, JsonNode json) {
        this.dir = dir;
        this.json = json;
    }

    static GoldenRmu load() {
        Path dir = SharedFolder.golden().resolve("rmu");
        try {
            return new GoldenRmu(dir, JSON.readTree(dir.resolve("rmu_golden.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the RMU golden in " + dir, e);
        }
    }

    Path tensors() {
        return dir.resolve("rmu_golden.safetensors");
    }

    Path modelDir() {
        return dir.resolve(json.path("model").path("dir").asText()).normalize();
    }

    JsonNode hyperparameters() {
        return json.path("hyperparameters");
    }

    int layerId() {
        return hyperparameters().path("layer_id").asInt();
    }

    List<Integer> ints(String key) {
        List<Integer> values = new ArrayList<>();
        hyperparameters().path(key).forEach(n -> values.add(n.asInt()));
        return values;
    }

    List<String> trainableParams() {
        List<String> values = new ArrayList<>();
        hyperparameters().path("trainable_params").forEach(n -> values.add(n.asText()));
        return values;
    }

    int steps() {
        return hyperparameters().path("steps").asInt();
    }

    /**
     * The optimizer of a run, from the JSON's description: the variant from its name, betas, eps and weight decay
     * from {@code constructed_as}, the learning rate from the hyperparameters.
     *
     * @param key {@code optimizer_primary} or {@code optimizer_secondary}
     */
    AdamWSettings optimizer(String key) {
        JsonNode optimizer = json.path(key);
        String name = optimizer.path("name").asText();
        AdamWSettings.Variant variant = name.startsWith("transformers.AdamW") ? AdamWSettings.Variant.TRANSFORMERS
                : name.startsWith("torch.optim.AdamW") ? AdamWSettings.Variant.TORCH : null;
        if (variant == null) {
            throw new IllegalStateException(key + ".name names no known AdamW: " + name);
        }
        String constructed = optimizer.path("constructed_as").asText();
        Matcher betas = Pattern.compile("betas=\\((" + NUMBER + "),\\s*(" + NUMBER + ")\\)").matcher(constructed);
        if (!betas.find()) {
            throw new IllegalStateException(key + ".constructed_as names no betas: " + constructed);
        }
        return new AdamWSettings(variant, hyperparameters().path("lr").asDouble(),
                Double.parseDouble(betas.group(1)), Double.parseDouble(betas.group(2)),
                setting(constructed, "eps", key), setting(constructed, "weight_decay", key));
    }

    private static double setting(String constructed, String name, String key) {
        Matcher m = Pattern.compile("\\b" + name + "=(" + NUMBER + ")").matcher(constructed);
        if (!m.find()) {
            throw new IllegalStateException(key + ".constructed_as names no " + name + ": " + constructed);
        }
        return Double.parseDouble(m.group(1));
    }
}

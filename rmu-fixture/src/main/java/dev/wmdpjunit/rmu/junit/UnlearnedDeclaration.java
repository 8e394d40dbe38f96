package dev.wmdpjunit.rmu.junit;

import dev.wmdpjunit.rmu.AdamWSettings;
import dev.wmdpjunit.rmu.CorpusSource;
import dev.wmdpjunit.rmu.ParameterSelection;
import dev.wmdpjunit.rmu.RmuHyperparameters;
import dev.wmdpjunit.rmu.UnlearningRequest;

import dev.wmdpjunit.core.model.ModelProviders;
import dev.wmdpjunit.core.model.ModelReference;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an {@link Unlearned} annotation into an {@link UnlearningRequest}, for the Jupiter parameter resolver and
 * the engine's model pair alike. {@code ${name}} in paths is looked up with the given function (system properties
 * for Jupiter, configuration parameters for the engine).
 */
final class UnlearnedDeclaration {

    /** Key (system property or configuration parameter) of the cache root; default {@code ~/.cache/wmdp-junit/rmu}. */
    static final String CACHE_KEY = "wmdp.rmu.cache";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private final Function<String, Optional<String>> lookup;

    UnlearnedDeclaration(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    static UnlearnedDeclaration fromSystemProperties() {
        return new UnlearnedDeclaration(name -> Optional.ofNullable(System.getProperty(name)));
    }

    /** The request an annotation describes: the preset, with every value not left at its default replacing it. */
    UnlearningRequest request(Unlearned unlearned) {
        RmuHyperparameters preset = unlearned.preset().hyperparameters();
        RmuHyperparameters.Builder settings = preset.toBuilder();
        if (unlearned.layerId() >= 0) {
            settings.layerId(unlearned.layerId());
        }
        if (unlearned.layerIds().length > 0) {
            settings.layerIds(Arrays.stream(unlearned.layerIds()).boxed().toList());
        }
        if (unlearned.params().length > 0) {
            settings.trainable(ParameterSelection.byNamePattern(unlearned.params()));
        }
        if (unlearned.steeringCoeffs().length > 0 || unlearned.alphas().length > 0) {
            settings.topics(unlearned.steeringCoeffs().length > 0
                            ? Arrays.stream(unlearned.steeringCoeffs()).boxed().toList() : preset.steeringCoeffs(),
                    unlearned.alphas().length > 0
                            ? Arrays.stream(unlearned.alphas()).boxed().toList() : preset.alphas());
        }
        if (unlearned.lr() > 0) {
            settings.optimizer(AdamWSettings.transformers(unlearned.lr()));
        }
        if (unlearned.maxNumBatches() > 0) {
            settings.maxNumBatches(unlearned.maxNumBatches());
        }
        if (unlearned.batchSize() > 0) {
            settings.batchSize(unlearned.batchSize());
        }
        return new UnlearningRequest(baseModel(unlearned.model()), corpora(unlearned.forget()),
                corpora(unlearned.retain()), settings.build());
    }

    /**
     * The base model's folder: RMU reads and trains its weights, so the reference must be a local checkpoint
     * folder or a hub id, which names its snapshot folder in the hub cache (an endpoint is refused naming
     * {@code @Unlearned(model)}).
     */
    private Path baseModel(String template) {
        ModelReference reference = new ModelReference(expand(template), "@Unlearned(model)");
        if (reference.kind() == ModelReference.Kind.HUB_ID) {
            return ModelProviders.localFolder(reference, "a checkpoint folder", lookup::apply).toAbsolutePath();
        }
        return reference.requireLocalPath("RMU trains the model's weights, so it needs a local checkpoint folder")
                .toAbsolutePath();
    }

    /** The cache root: key {@value #CACHE_KEY}, or {@code ~/.cache/wmdp-junit/rmu}. */
    Path cacheRoot() {
        return lookup.apply(CACHE_KEY).map(this::path)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache", "wmdp-junit", "rmu"));
    }

    /** A path with {@code ${name}} references expanded, made absolute against the working directory. */
    Path path(String template) {
        // Absolute, so results and reports name the base model the same wherever they are read.
        return Path.of(expand(template)).toAbsolutePath();
    }

    /** The template with {@code ${name}} references expanded. */
    private String expand(String template) {
        Matcher m = REFERENCE.matcher(template);
        StringBuilder expanded = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = lookup.apply(name).orElseThrow(() -> new IllegalArgumentException("'" + name
                    + "' used in '" + template + "' is not set (as a system property or configuration parameter)"));
            m.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        m.appendTail(expanded);
        return expanded.toString();
    }

    private List<CorpusSource> corpora(String[] paths) {
        return Arrays.stream(paths).map(p -> CorpusSource.of(path(p))).toList();
    }
}

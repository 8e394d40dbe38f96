package dev.wmdpjunit.rmu.junit;

import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.LanguageModelProvider;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.rmu.AdamWSettings;
import dev.wmdpjunit.rmu.CorpusSource;
import dev.wmdpjunit.rmu.RmuHyperparameters;
import dev.wmdpjunit.rmu.TrainingListener;
import dev.wmdpjunit.rmu.UnlearnedModel;
import dev.wmdpjunit.rmu.UnlearnedModelCache;
import dev.wmdpjunit.rmu.UnlearningRequest;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@link Unlearned} parameters: trains RMU on first use and reuses the cached checkpoint afterwards.
 *
 * <p>The cache lives in the directory of system property {@value #CACHE_PROPERTY}, by default
 * {@code ~/.cache/wmdp-junit/rmu}.
 */
public final class UnlearnedModelExtension implements ParameterResolver {

    public static final String CACHE_PROPERTY = "wmdp.rmu.cache";
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final List<Class<?>> TYPES = List.of(Path.class, UnlearnedModel.class, LanguageModel.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(Unlearned.class) && TYPES.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Unlearned unlearned = parameter.findAnnotation(Unlearned.class).orElseThrow();
        UnlearnedModel model;
        try {
            model = new UnlearnedModelCache(cacheRoot()).get(request(unlearned), TrainingListener.NONE);
        } catch (IOException | RuntimeException e) {
            throw new ParameterResolutionException("cannot make the unlearned model for " + parameter.getParameter()
                    + ": " + e.getMessage(), e);
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == Path.class) {
            return model.directory();
        }
        if (type == UnlearnedModel.class) {
            return model;
        }
        LanguageModel languageModel = open(model.directory());
        // JUnit closes AutoCloseable store values when the test's context closes.
        context.getStore(ExtensionContext.Namespace.create(UnlearnedModelExtension.class, parameter.getIndex()))
                .put(LanguageModel.class, languageModel);
        return languageModel;
    }

    /** The request an annotation describes. */
    static UnlearningRequest request(Unlearned unlearned) {
        RmuHyperparameters.Builder settings = unlearned.preset().hyperparameters().toBuilder();
        RmuHyperparameters preset = unlearned.preset().hyperparameters();
        if (unlearned.layerId() >= 0) {
            settings.layerId(unlearned.layerId());
        }
        if (unlearned.layerIds().length > 0) {
            settings.layerIds(Arrays.stream(unlearned.layerIds()).boxed().toList());
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
        return new UnlearningRequest(path(unlearned.model()), corpora(unlearned.forget()), corpora(unlearned.retain()),
                settings.build());
    }

    /** Opens a checkpoint with the first installed provider that supports it. */
    static LanguageModel open(Path checkpoint) {
        List<LanguageModelProvider> providers = LanguageModelProvider.installed();
        return providers.stream().filter(p -> p.supports(checkpoint)).findFirst()
                .orElseThrow(() -> new ParameterResolutionException("no LanguageModelProvider supports " + checkpoint
                        + " (installed: " + providers.stream().map(LanguageModelProvider::name).toList()
                        + "); ask for a Path or an UnlearnedModel instead"))
                .open(checkpoint, ModelOptions.DEFAULT);
    }

    private static Path cacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY);
        return configured != null ? path(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "wmdp-junit", "rmu");
    }

    private static List<CorpusSource> corpora(String[] paths) {
        return Arrays.stream(paths).map(p -> CorpusSource.of(path(p))).toList();
    }

    /** A path with {@code ${property}} references expanded. */
    static Path path(String template) {
        Matcher m = PROPERTY.matcher(template);
        StringBuilder expanded = new StringBuilder();
        while (m.find()) {
            String value = System.getProperty(m.group(1));
            if (value == null) {
                throw new ParameterResolutionException("system property '" + m.group(1) + "' used in '" + template
                        + "' is not set");
            }
            m.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        m.appendTail(expanded);
        return Path.of(expanded.toString());
    }
}

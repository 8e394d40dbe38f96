package dev.wmdpjunit.rmu.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.model.ModelProviders;
import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.core.model.ProviderSettings;
import dev.wmdpjunit.rmu.TrainingListener;
import dev.wmdpjunit.rmu.UnlearnedModel;
import dev.wmdpjunit.rmu.UnlearnedModelCache;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves {@link Unlearned} parameters: trains RMU on first use and reuses the cached checkpoint afterwards.
 *
 * <p>The cache lives in the directory of system property {@value #CACHE_PROPERTY}, by default
 * {@code ~/.cache/wmdp-junit/rmu}.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class UnlearnedModelExtension implements ParameterResolver {

    public static final String CACHE_PROPERTY = UnlearnedDeclaration.CACHE_KEY;
    private static final List<Class<?>> TYPES = List.of(Path.class, UnlearnedModel.class, LanguageModel.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(Unlearned.class) && TYPES.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Unlearned unlearned = parameter.findAnnotation(Unlearned.class).orElseThrow();
        UnlearnedDeclaration declaration = UnlearnedDeclaration.fromSystemProperties();
        UnlearnedModel model;
        try {
            model = new UnlearnedModelCache(declaration.cacheRoot())
                    .get(declaration.request(unlearned), TrainingListener.NONE);
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
        LanguageModel languageModel = open(model.directory(), "@Unlearned on " + parameter.getParameter());
        // JUnit closes AutoCloseable store values when the test's context closes.
        context.getStore(ExtensionContext.Namespace.create(UnlearnedModelExtension.class, parameter.getIndex()))
                .put(LanguageModel.class, languageModel);
        return languageModel;
    }

    /** Opens the unlearned checkpoint with the provider that claims it. */
    static LanguageModel open(Path checkpoint, String origin) {
        try {
            return ModelProviders.open(ModelReference.of(checkpoint, origin), ModelOptions.DEFAULT,
                    ProviderSettings.systemProperties()).model();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException(e.getMessage() + "; or ask for a Path or an UnlearnedModel"
                    + " instead", e);
        }
    }
}

package dev.wmdpjunit.rmu.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.engine.ModelPair;
import dev.wmdpjunit.engine.ModelPairSource;
import dev.wmdpjunit.engine.WmdpConfigurationException;
import dev.wmdpjunit.rmu.TrainingListener;
import dev.wmdpjunit.rmu.UnlearnedModel;
import dev.wmdpjunit.rmu.UnlearnedModelCache;
import dev.wmdpjunit.rmu.UnlearningRequest;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.ConfigurationParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The RMU fixture for wmdp-junit suites: the candidate is the model that {@link Unlearned} on the suite class
 * describes, unlearned (or taken from the cache), and the base model is the model it was unlearned from. Both are
 * scored on the same questions in the same run, so {@code @RetainedWithin} is a paired comparison. The engine asks
 * for them when the suite starts, so training (progress at INFO) shows as the suite's work.
 *
 * <pre>{@code
 * @WmdpSuite(models = UnlearnedModelPair.class)
 * @Unlearned(model = "models/base", forget = "corpora/forget.jsonl", retain = "corpora/retain.txt")
 * class UnlearningWorksTest { ... }
 * }</pre>
 *
 * <p>{@code ${name}} in the annotation's paths and the cache root ({@value UnlearnedDeclaration#CACHE_KEY}) are read
 * from the run's configuration parameters, which include system properties. Training progress goes to
 * {@code System.Logger} {@code dev.wmdpjunit.rmu}.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class UnlearnedModelPair implements ModelPairSource {

    @Override
    public ModelPair models(Class<?> suiteClass, ConfigurationParameters configuration) {
        Unlearned unlearned = AnnotationSupport.findAnnotation(suiteClass, Unlearned.class)
                .orElseThrow(() -> new WmdpConfigurationException(suiteClass.getName() + " names "
                        + UnlearnedModelPair.class.getSimpleName() + " as its models but has no @"
                        + Unlearned.class.getSimpleName() + " saying which model to unlearn on what corpora"));
        UnlearnedDeclaration declaration = new UnlearnedDeclaration(key -> configuration.get(key)
                .or(() -> Optional.ofNullable(System.getProperty(key))));
        UnlearningRequest request;
        try {
            request = declaration.request(unlearned);
        } catch (IllegalArgumentException e) {
            throw new WmdpConfigurationException("@Unlearned on " + suiteClass.getName() + ": " + e.getMessage(), e);
        }
        try {
            UnlearnedModel model = new UnlearnedModelCache(declaration.cacheRoot())
                    .get(request, TrainingListener.NONE);
            return ModelPair.of(ModelReference.of(model.directory(), "the RMU cache (@Unlearned on "
                    + suiteClass.getName() + ")"), ModelReference.of(request.baseModel(), "@Unlearned(model) on "
                    + suiteClass.getName()));
        } catch (IOException e) {
            throw new UncheckedIOException("RMU for " + suiteClass.getName() + " failed: " + e.getMessage(), e);
        }
    }
}

package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wmdpjunit.core.model.ModelReference;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The default {@link ModelPairSource}: the candidate is {@link WmdpSuite#model()} or else configuration key
 * {@value WmdpConfiguration#MODEL}; the base model is {@link WmdpSuite#base()} or else
 * {@value WmdpConfiguration#BASE_MODEL}, and absent when neither is set (the deprecated {@code baseline} attribute
 * and {@code wmdp.baseline.model} key are still read, with a warning). Each reference remembers where it
 * came from ({@code @WmdpSuite(model) on <class>}, {@code wmdp.model}, ...), which every message about it names.
 * Relative paths are resolved against the working directory (the module directory under Maven).
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class ConfiguredModels implements ModelPairSource {

    /** What a checkpoint is, for messages. */
    private static final String CHECKPOINT_LAYOUT = "the value is a model reference a LanguageModelProvider"
            + " on the class path opens (for the DJL backend: a Hugging Face folder with config.json,"
            + " *.safetensors and tokenizer.json), or a Hugging Face hub id org/name[@revision] read from the hub"
            + " cache";

    @Override
    public ModelPair models(Class<?> suiteClass, ConfigurationParameters configuration) {
        WmdpSuite suite = AnnotationSupport.findAnnotation(suiteClass, WmdpSuite.class).orElseThrow(
                () -> new IllegalArgumentException(suiteClass.getName() + " is not annotated with @WmdpSuite"));
        ModelReference candidate = pick(suite.model(), "model", suiteClass, configuration, WmdpConfiguration.MODEL)
                .orElseThrow(() -> new WmdpConfigurationException("no model to test: set configuration key "
                        + WmdpConfiguration.MODEL + " (e.g. -D" + WmdpConfiguration.MODEL + "=path/to/checkpoint)"
                        + " or @WmdpSuite(model = \"...\") on " + suiteClass.getName() + "; " + CHECKPOINT_LAYOUT));
        return new ModelPair(candidate, pick(base(suite, suiteClass), baseAttribute(suite), suiteClass,
                configuration, RenamedKeys.setName(configuration, WmdpConfiguration.BASE_MODEL)));
    }

    /** {@link WmdpSuite#base()}, or the deprecated {@code baseline} attribute; not both. */
    @SuppressWarnings("removal")
    private static String base(WmdpSuite suite, Class<?> suiteClass) {
        if (!suite.base().isBlank() && !suite.baseline().isBlank()) {
            throw new WmdpConfigurationException("@WmdpSuite on " + suiteClass.getName() + " sets both base and"
                    + " baseline; keep base (baseline is its deprecated old name)");
        }
        return suite.base().isBlank() ? suite.baseline() : suite.base();
    }

    /** The attribute {@link #base} read, so that messages name what the suite declares. */
    @SuppressWarnings("removal")
    private static String baseAttribute(WmdpSuite suite) {
        return suite.base().isBlank() && !suite.baseline().isBlank() ? "baseline" : "base";
    }

    /** The annotation's value if set, else the key's; with its origin. */
    private static Optional<ModelReference> pick(String annotated, String attribute, Class<?> suiteClass,
                                                 ConfigurationParameters configuration, String key) {
        if (!annotated.isBlank()) {
            return Optional.of(new ModelReference(annotated,
                    "@WmdpSuite(" + attribute + ") on " + suiteClass.getName()));
        }
        return configuration.get(key).filter(value -> !value.isBlank()).map(value -> new ModelReference(value, key));
    }
}

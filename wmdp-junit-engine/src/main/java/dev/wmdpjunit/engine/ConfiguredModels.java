package dev.wmdpjunit.engine;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The default {@link ModelPairSource}: the candidate is {@link WmdpSuite#model()} or else configuration key
 * {@value WmdpConfiguration#MODEL}; the baseline is {@link WmdpSuite#baseline()} or else
 * {@value WmdpConfiguration#BASELINE_MODEL}, and absent when neither is set. Relative paths are resolved against
 * the working directory (the module directory under Maven).
 */
public final class ConfiguredModels implements ModelPairSource {

    /** What a checkpoint is, for messages. */
    private static final String CHECKPOINT_LAYOUT = "the value is a checkpoint directory a LanguageModelProvider"
            + " on the class path supports (for the DJL backend: a Hugging Face folder with config.json,"
            + " *.safetensors and tokenizer.json)";

    @Override
    public ModelPair models(Class<?> suiteClass, ConfigurationParameters configuration) {
        WmdpSuite suite = AnnotationSupport.findAnnotation(suiteClass, WmdpSuite.class).orElseThrow(
                () -> new IllegalArgumentException(suiteClass.getName() + " is not annotated with @WmdpSuite"));
        Path candidate = pick(suite.model(), configuration, WmdpConfiguration.MODEL).orElseThrow(
                () -> new WmdpConfigurationException("no model to test: set configuration key "
                        + WmdpConfiguration.MODEL + " (e.g. -D" + WmdpConfiguration.MODEL + "=path/to/checkpoint)"
                        + " or @WmdpSuite(model = \"...\") on " + suiteClass.getName() + "; " + CHECKPOINT_LAYOUT));
        return new ModelPair(candidate, pick(suite.baseline(), configuration, WmdpConfiguration.BASELINE_MODEL));
    }

    private static Optional<Path> pick(String annotated, ConfigurationParameters configuration, String key) {
        if (!annotated.isBlank()) {
            return Optional.of(Path.of(annotated.strip()));
        }
        return configuration.get(key).map(String::strip).filter(value -> !value.isEmpty()).map(Path::of);
    }
}

package dev.wmdpjunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.core.testing.CapturedLog;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The names "baseline" had for the base model keep working for one release, with a warning. The suites here are
 * inner classes, which the engine does not run (they are only read by {@link ConfiguredModels}).
 */
class RenamedNamesTest {

    @RegisterExtension
    final CapturedLog log = new CapturedLog("dev.wmdpjunit.engine");

    @WmdpSuite
    class Plain {
    }

    @WmdpSuite(model = "models/unlearned", base = "models/base")
    class WithBase {
    }

    @SuppressWarnings("removal")
    @WmdpSuite(model = "models/unlearned", baseline = "models/original")
    class WithOldBaselineAttribute {
    }

    @SuppressWarnings("removal")
    @WmdpSuite(model = "models/unlearned", base = "models/base", baseline = "models/original")
    class WithBoth {
    }

    @Test
    void theOldBaseModelKeyIsReadWithOneWarningNamingTheNewKey() {
        ConfigurationParameters old = configuration(Map.of("wmdp.model", "models/unlearned",
                "wmdp.baseline.model", "models/original"));

        for (int run = 0; run < 3; run++) {
            ModelPair pair = new ConfiguredModels().models(Plain.class, old);
            assertThat(pair.base()).contains(new ModelReference("models/original", "wmdp.baseline.model"));
        }

        assertThat(log.warnings()).singleElement().asString().contains("configuration key wmdp.baseline.model is"
                + " deprecated: use wmdp.base.model");
        // Another run (another set of configuration parameters) is told again.
        new ConfiguredModels().models(Plain.class, configuration(Map.of("wmdp.model", "m",
                "wmdp.baseline.model", "b")));
        assertThat(log.warnings()).hasSize(2);
    }

    @Test
    void theNewKeyWinsOverTheOldOne() {
        ConfigurationParameters both = configuration(Map.of("wmdp.model", "models/unlearned",
                "wmdp.base.model", "models/base", "wmdp.baseline.model", "models/original"));

        assertThat(new ConfiguredModels().models(Plain.class, both).base())
                .contains(new ModelReference("models/base", "wmdp.base.model"));
        assertThat(log.warnings()).singleElement().asString().contains("wmdp.baseline.model is deprecated: use"
                + " wmdp.base.model (set too, so wmdp.baseline.model is ignored)");
        assertThat(new ConfiguredModels().models(Plain.class, configuration(Map.of("wmdp.model", "m"))).base())
                .isEmpty();
    }

    @Test
    void theOldAnnotationAttributeStillNamesTheBaseModel() {
        ConfigurationParameters none = configuration(Map.of());

        assertThat(new ConfiguredModels().models(WithBase.class, none).base().map(ModelReference::text))
                .contains("models/base");
        assertThat(new ConfiguredModels().models(WithOldBaselineAttribute.class, none).base())
                .contains(new ModelReference("models/original", "@WmdpSuite(baseline) on "
                        + WithOldBaselineAttribute.class.getName()));
        assertThatThrownBy(() -> new ConfiguredModels().models(WithBoth.class, none))
                .isInstanceOf(WmdpConfigurationException.class).hasMessageContaining("sets both base and baseline");
    }

    @Test
    @SuppressWarnings("removal")
    void theOldAccessorOfModelPairIsTheBase() {
        ModelPair pair = ModelPair.of(java.nio.file.Path.of("a"), java.nio.file.Path.of("b"));
        assertThat(pair.baseline()).isEqualTo(pair.base()).isPresent();
    }

    private static ConfigurationParameters configuration(Map<String, String> values) {
        return new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::parseBoolean);
            }

            @Override
            @SuppressWarnings("deprecation")
            public int size() {
                return values.size();
            }

            @Override
            public Set<String> keySet() {
                return values.keySet();
            }
        };
    }
}

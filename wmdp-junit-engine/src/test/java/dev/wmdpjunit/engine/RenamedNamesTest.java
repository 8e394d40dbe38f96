package dev.wmdpjunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.core.model.ModelReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The names "baseline" had for the base model keep working for one release, with a warning. The suites here are
 * inner classes, which the engine does not run (they are only read by {@link ConfiguredModels}).
 */
class RenamedNamesTest {

    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger("dev.wmdpjunit.engine");

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

    @BeforeEach
    void listen() {
        RenamedKeys.forgetWarnings();
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    @Test
    void theOldBaseModelKeyIsReadWithOneWarningNamingTheNewKey() {
        ConfigurationParameters old = configuration(Map.of("wmdp.model", "models/unlearned",
                "wmdp.baseline.model", "models/original"));

        for (int run = 0; run < 3; run++) {
            ModelPair pair = new ConfiguredModels().models(Plain.class, old);
            assertThat(pair.base()).contains(new ModelReference("models/original", "wmdp.baseline.model"));
        }

        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            assertThat(warning.getMessage()).contains("configuration key wmdp.baseline.model is deprecated: use"
                    + " wmdp.base.model");
        });
    }

    @Test
    void theNewKeyWinsOverTheOldOne() {
        ConfigurationParameters both = configuration(Map.of("wmdp.model", "models/unlearned",
                "wmdp.base.model", "models/base", "wmdp.baseline.model", "models/original"));

        assertThat(new ConfiguredModels().models(Plain.class, both).base())
                .contains(new ModelReference("models/base", "wmdp.base.model"));
        assertThat(warnings).singleElement().satisfies(warning -> assertThat(warning.getMessage())
                .contains("wmdp.baseline.model is deprecated: use wmdp.base.model (set too, so wmdp.baseline.model"
                        + " is ignored)"));
        assertThat(new ConfiguredModels().models(Plain.class, configuration(Map.of("wmdp.model", "m"))).base())
                .isEmpty();
    }

    @Test
    void theOldAnnotationAttributeStillNamesTheBaseModel() {
        ConfigurationParameters none = configuration(Map.of());

        assertThat(new ConfiguredModels().models(WithBase.class, none).base().map(ModelReference::text))
                .contains("models/base");
        assertThat(new ConfiguredModels().models(WithOldBaselineAttribute.class, none).base()
                .map(ModelReference::text)).contains("models/original");
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

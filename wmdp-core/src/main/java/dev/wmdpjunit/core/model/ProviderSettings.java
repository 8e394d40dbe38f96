package dev.wmdpjunit.core.model;

import java.util.Map;
import java.util.Optional;

/**
 * The run's configuration as a provider sees it: a key ({@code wmdp.remote.timeout}, ...) to its value. Kept free
 * of JUnit so that any caller (the engine's configuration parameters, a fixture's system properties, a plain map
 * in a test) can supply it; each provider reads and documents its own key family.
 */
@FunctionalInterface
public interface ProviderSettings {

    /** No settings at all. */
    ProviderSettings NONE = key -> Optional.empty();

    /** The key's value, stripped; empty when unset or blank. */
    Optional<String> get(String key);

    static ProviderSettings of(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Java system properties, stripped, blank counting as unset. */
    static ProviderSettings systemProperties() {
        return key -> Optional.ofNullable(System.getProperty(key)).map(String::strip).filter(v -> !v.isEmpty());
    }
}

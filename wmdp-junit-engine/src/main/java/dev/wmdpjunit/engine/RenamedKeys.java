package dev.wmdpjunit.engine;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Configuration keys renamed in this release, still read under their old names for one more release. Using an old
 * name logs a warning once per key and run (one set of configuration parameters), naming the new key; when both
 * are set, the new one wins.
 */
final class RenamedKeys {

    /** New name to old name. */
    @SuppressWarnings("removal")
    private static final Map<String, String> OLD_NAMES = Map.of(WmdpConfiguration.BASE_MODEL,
            WmdpConfiguration.BASELINE_MODEL);
    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.engine");
    /** The old names already warned about, per run (weak keys: an entry goes with its run). */
    private static final Map<ConfigurationParameters, Set<String>> WARNED =
            Collections.synchronizedMap(new WeakHashMap<>());

    private RenamedKeys() {
    }

    /**
     * The name under which the key's value is set: the key itself, or its old name when only that is set (with the
     * warning); the key when neither is.
     */
    static String setName(ConfigurationParameters configuration, String key) {
        String old = OLD_NAMES.get(key);
        if (old == null || !isSet(configuration, old)) {
            return key;
        }
        boolean current = isSet(configuration, key);
        if (WARNED.computeIfAbsent(configuration, run -> ConcurrentHashMap.newKeySet()).add(old)) {
            LOGGER.log(System.Logger.Level.WARNING, "configuration key " + old + " is deprecated: use " + key
                    + (current ? " (set too, so " + old + " is ignored)" : " (" + old + " is read for one more"
                    + " release)") + "; \"baseline\" now means only a committed baseline (wmdp.baseline.dir,"
                    + " wmdp.baseline.update)");
        }
        return current ? key : old;
    }

    private static boolean isSet(ConfigurationParameters configuration, String key) {
        return configuration.get(key).filter(value -> !value.isBlank()).isPresent();
    }

}

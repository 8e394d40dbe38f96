package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.engine.WmdpConfiguration;
import dev.wmdpjunit.engine.WmdpConfigurationException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Where committed baselines live and what a run does with them ({@link WmdpConfiguration#BASELINE_DIR},
 * {@link WmdpConfiguration#BASELINE_UPDATE}, {@link WmdpConfiguration#BASELINE_ALPHA}).
 *
 * @param dir    the baselines folder
 * @param update whether this run records baselines instead of comparing with them
 * @param alpha  the one-sided level of the comparison's McNemar test
 */
record BaselineSettings(Path dir, boolean update, double alpha) {

    /**
     * The settings, checked.
     *
     * @throws WmdpConfigurationException naming the key, the value and what is expected
     */
    static BaselineSettings from(ConfigurationParameters configuration) {
        return new BaselineSettings(dir(configuration), update(configuration), alpha(configuration));
    }

    /**
     * The baseline file of a suite's benchmark: {@code <dir>/<suite class name>/<benchmark file name>.json}, or the
     * file an earlier version recorded for it ({@link ResultsJson#locate}).
     */
    Path file(Class<?> suiteClass, String benchmark) {
        return file(dir, suiteClass, benchmark);
    }

    static Path file(Path dir, Class<?> suiteClass, String benchmark) {
        return ResultsJson.locate(dir.resolve(suiteClass.getName()), benchmark);
    }

    static Path dir(ConfigurationParameters configuration) {
        return value(configuration, WmdpConfiguration.BASELINE_DIR).map(Path::of)
                .orElse(Path.of(WmdpConfiguration.DEFAULT_BASELINE_DIR));
    }

    /**
     * Whether the run records baselines. Discovery reads it leniently (only {@code true} counts); a value other
     * than {@code true} or {@code false} fails the suites when they start.
     */
    static boolean updateRequested(ConfigurationParameters configuration) {
        return value(configuration, WmdpConfiguration.BASELINE_UPDATE).map("true"::equalsIgnoreCase).orElse(false);
    }

    private static boolean update(ConfigurationParameters configuration) {
        Optional<String> text = value(configuration, WmdpConfiguration.BASELINE_UPDATE);
        if (text.isEmpty() || text.get().equalsIgnoreCase("false")) {
            return false;
        }
        if (text.get().equalsIgnoreCase("true")) {
            return true;
        }
        throw new WmdpConfigurationException(WmdpConfiguration.BASELINE_UPDATE + " = '" + text.get()
                + "': expected true (record the committed baselines) or false (compare with them)");
    }

    private static double alpha(ConfigurationParameters configuration) {
        Optional<String> text = value(configuration, WmdpConfiguration.BASELINE_ALPHA);
        if (text.isEmpty()) {
            return WmdpConfiguration.DEFAULT_BASELINE_ALPHA;
        }
        double alpha;
        try {
            alpha = Double.parseDouble(text.get());
        } catch (NumberFormatException e) {
            alpha = Double.NaN;
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new WmdpConfigurationException(WmdpConfiguration.BASELINE_ALPHA + " = '" + text.get()
                    + "': expected a one-sided significance level strictly between 0 and 0.5, e.g. 0.05");
        }
        return alpha;
    }

    private static Optional<String> value(ConfigurationParameters configuration, String key) {
        return configuration.get(key).map(String::strip).filter(text -> !text.isEmpty());
    }
}

package dev.wmdpjunit.reports;

import dev.wmdpjunit.engine.WmdpConfiguration;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes the HTML safety report when a test run that included wmdp-junit tests finishes. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}, so putting this module on the test
 * class path is all it takes. Reads the configuration keys {@value #REPORT} (the report folder, default
 * {@value #DEFAULT_REPORT}; {@code false} turns the report off) and the engine's
 * {@value WmdpConfiguration#RESULTS} and {@value WmdpConfiguration#BASELINE_DIR}, with the engine's defaults. A report
 * that cannot be written is logged, never fails the run.
 */
public final class ReportListener implements TestExecutionListener {

    /** Where the report goes. */
    public static final String REPORT = "wmdp.report";
    public static final String DEFAULT_REPORT = "target/wmdp-report";

    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.reports");

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (!WmdpTests.hasWmdpTests(testPlan)) {
            return;
        }
        ConfigurationParameters configuration = testPlan.getConfigurationParameters();
        String report = setting(configuration, REPORT).orElse(DEFAULT_REPORT);
        if (report.equalsIgnoreCase("false") || setting(configuration, WmdpConfiguration.SHARD).isPresent()) {
            return;   // a shard writes shard files, no results: the merge run makes the report
        }
        Path results = Path.of(setting(configuration, WmdpConfiguration.RESULTS)
                .orElse(WmdpConfiguration.DEFAULT_RESULTS));
        if (!Files.isDirectory(results)) {
            return;
        }
        // The committed baselines folder, compared with when it exists.
        Path baselines = Path.of(setting(configuration, WmdpConfiguration.BASELINE_DIR)
                .orElse(WmdpConfiguration.DEFAULT_BASELINE_DIR));
        try {
            Path index = SafetyReport.write(results, Optional.of(baselines).filter(Files::isDirectory),
                    Path.of(report));
            LOGGER.log(Level.INFO, "wmdp-junit safety report: {0}", index.toAbsolutePath().toUri());
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "cannot write the wmdp-junit safety report to " + report + ": "
                    + e.getMessage(), e);
        }
    }

    static Optional<String> setting(ConfigurationParameters configuration, String key) {
        return configuration.get(key).map(String::strip).filter(value -> !value.isEmpty());
    }
}

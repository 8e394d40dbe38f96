package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.results.ResultsJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs the engine through EngineTestKit with a configuration, and reads what the run left behind. Only the
 * configuration set here counts, as EngineTestKit's own builder does by default: a discovery request of JUnit's
 * launcher API would also read system properties and junit-platform.properties, so a user's
 * {@code -Dwmdp.questions=...} on the Maven command line (which Surefire passes on to the test JVM) would change
 * what these tests run. Discovery tests build their requests with {@link #request()}.
 */
final class EngineRun {

    private final Map<String, String> configuration = new HashMap<>();

    EngineRun set(String key, Object value) {
        configuration.put(key, value.toString());
        return this;
    }

    EngineRun unset(String key) {
        configuration.remove(key);
        return this;
    }

    EngineExecutionResults execute(DiscoverySelector... selectors) {
        return EngineTestKit.engine("wmdp-junit").configurationParameters(configuration).selectors(selectors)
                .execute();
    }

    /** A discovery request that, like {@link #execute}, reads only the configuration given to it. */
    static LauncherDiscoveryRequestBuilder request() {
        return LauncherDiscoveryRequestBuilder.request().enableImplicitConfigurationParameters(false);
    }

    /** The entries reported for the descriptor whose unique id ends with {@code idSuffix}. */
    static List<Map<String, String>> reports(EngineExecutionResults results, String idSuffix) {
        return results.allEvents().reportingEntryPublished().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().endsWith(idSuffix))
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .collect(Collectors.toList());
    }

    /** Unique ids of the tests that ended with the given status, e.g. {@code succeeded}. */
    static List<String> names(List<Event> events) {
        return events.stream().map(e -> e.getTestDescriptor().getUniqueId().getLastSegment().getValue()).toList();
    }

    static ResultsFile results(Path resultsDir, Class<?> suite, String fileName) throws IOException {
        return ResultsJson.read(resultsDir.resolve(suite.getName()).resolve(fileName));
    }
}

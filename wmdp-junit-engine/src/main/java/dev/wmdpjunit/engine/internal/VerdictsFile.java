package dev.wmdpjunit.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.assertions.Verdict;
import dev.wmdpjunit.core.io.AtomicFiles;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.stats.Interval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.UniqueId;

/**
 * The suite's threshold verdicts next to its results files, {@code <wmdp.results>/<suite class name>/verdicts.json},
 * so that a report can be rebuilt from the results folder alone (the report entries {@code wmdp.verdict} and
 * {@code wmdp.details} live only as long as the run). Each decided threshold replaces its own entry and keeps the
 * others, as the results files of benchmarks not run this time stay too; an entry names the scores it was decided
 * on, so a reader can tell a verdict that belongs to the results files from one left by an earlier run. Written
 * atomically; thresholds of one suite decided in parallel take turns.
 */
final class VerdictsFile {

    static final String FILE_NAME = "verdicts.json";
    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.engine");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Object LOCK = new Object();

    private VerdictsFile() {
    }

    /**
     * Records one threshold's verdict.
     *
     * @param suiteResultsDir the suite's results folder
     * @param testId          the threshold test's unique id
     * @param test            the suite method's name
     * @param threshold       the threshold in words, e.g. {@code accuracy at most chance + 0.05}
     * @param scores          the scores it was decided on
     */
    static void record(Path suiteResultsDir, UniqueId testId, String test, String threshold, Verdict verdict,
                       DomainScores scores) {
        record(suiteResultsDir, testId, test, threshold, verdict, scores, Optional.empty());
    }

    /**
     * Records one threshold's verdict; a probe's also names the probe ({@code probe}: its key, whose measurements
     * are under {@code probes/<key>/}).
     */
    static void record(Path suiteResultsDir, UniqueId testId, String test, String threshold, Verdict verdict,
                       DomainScores scores, Optional<String> probe) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("domain", scores.candidate().domain());
        entry.put("test", test);
        entry.put("uniqueId", testId.toString());
        entry.put("threshold", threshold);
        probe.ifPresent(key -> entry.put("probe", key));
        entry.put("outcome", verdict.outcome().name());
        entry.put("details", verdict.message());
        putFinite(entry, "estimate", verdict.check().estimate());
        Interval interval = verdict.check().interval();
        if (interval == null) {
            entry.putNull("interval");
        } else {
            ObjectNode node = entry.putObject("interval");
            node.put("lower", interval.lower());
            node.put("upper", interval.upper());
            node.put("confidence", interval.confidence());
            node.put("method", interval.method().id());
        }
        entry.put("decidedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        putScores(entry.putObject("scores"), scores.candidate());
        scores.baseline().ifPresent(base -> putScores(entry.putObject("baselineScores"), base));

        Path file = suiteResultsDir.resolve(FILE_NAME);
        synchronized (LOCK) {
            List<JsonNode> entries = new ArrayList<>(existing(file));
            entries.removeIf(e -> test.equals(e.path("test").asText()));
            entries.add(entry);
            entries.sort(Comparator.comparing((JsonNode e) -> e.path("domain").asText())
                    .thenComparing(e -> e.path("test").asText()));
            ObjectNode root = JSON.createObjectNode();
            root.put("suite", suiteResultsDir.getFileName().toString());
            ArrayNode array = root.putArray("verdicts");
            entries.forEach(array::add);
            try {
                AtomicFiles.write(file, out -> out.write(JSON.writeValueAsBytes(root)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the verdicts of " + test + " to " + file, e);
            }
        }
    }

    /** The entries already in the file; none if there is no file, or one this class cannot read (replaced). */
    private static List<JsonNode> existing(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JsonNode verdicts = JSON.readTree(file.toFile()).path("verdicts");
            if (verdicts.isArray()) {
                List<JsonNode> entries = new ArrayList<>();
                verdicts.forEach(entries::add);
                return entries;
            }
            LOGGER.log(Level.WARNING, "{0} has no array ''verdicts''; replacing it", file);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot read {0} ({1}); replacing it", file, e.getMessage());
        }
        return List.of();
    }

    private static void putScores(ObjectNode node, DomainResult result) {
        node.put("model", result.model().sha256());
        node.put("dataset", result.dataset().sha256());
        node.put("n", result.n());
        node.put("correct", result.correct());
    }

    private static void putFinite(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }
}

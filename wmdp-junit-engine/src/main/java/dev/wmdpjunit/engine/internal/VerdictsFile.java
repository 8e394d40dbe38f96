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
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.UniqueId;

/**
 * The suite's threshold verdicts next to its results files, {@code <wmdp.results>/<suite class name>/verdicts.json},
 * so that a report can be rebuilt from the results folder alone (the report entries {@code wmdp.verdict} and
 * {@code wmdp.details} live only as long as the run). Each decided threshold replaces its own entry and keeps the
 * others, as the results files of benchmarks not run this time stay too; an entry names the scores it was decided
 * on, so a reader can tell a verdict that belongs to the results files from one left by an earlier run. Written
 * atomically.
 *
 * <p>Once the suite has a results folder, the file also describes its latest run under {@code run}: when it
 * started ({@code startedAt}) and the errors that kept it from deciding thresholds ({@code errors}, e.g. a model
 * that cannot be opened). A verdict whose {@code decidedAt} is before {@code run.startedAt} was not decided by that
 * run; verdicts of methods the suite no longer declares are dropped when a run starts.
 *
 * <p>Writers take turns: threads of one JVM on a monitor, JVMs sharing a results folder (parallel CI jobs, an IDE
 * run during a Maven run) on a file lock of the sidecar {@value #LOCK_FILE_NAME}, so none loses another's verdicts.
 */
final class VerdictsFile {

    static final String FILE_NAME = "verdicts.json";
    static final String LOCK_FILE_NAME = ".verdicts.json.lock";
    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.engine");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Object LOCK = new Object();

    private VerdictsFile() {
    }

    /**
     * Marks the start of a suite's run: records when it started and the error that stops it, if any, and drops the
     * verdicts of methods the suite no longer declares as thresholds. Nothing when the suite has no results folder
     * yet: there are no earlier verdicts to tell apart, and a folder of errors alone is no report.
     *
     * @param thresholds the suite's threshold methods
     * @param error      why the run cannot decide any threshold (its models cannot be opened, ...), if it cannot
     */
    static void startRun(Path suiteResultsDir, Set<String> thresholds, Optional<String> error) {
        if (!Files.isDirectory(suiteResultsDir)) {
            return;
        }
        update(suiteResultsDir, "the start of a run", (entries, run) -> {
            entries.removeIf(e -> !thresholds.contains(e.path("test").asText()));
            run.removeAll();
            run.put("startedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            ArrayNode errors = run.putArray("errors");
            error.ifPresent(errors::add);
        });
    }

    /**
     * Adds an error of the current run that kept some thresholds from being decided (a benchmark's data ...); like
     * {@link #startRun}, nothing when the suite has no results folder yet.
     */
    static void runError(Path suiteResultsDir, String error) {
        if (!Files.isDirectory(suiteResultsDir)) {
            return;
        }
        update(suiteResultsDir, "a run error", (entries, run) -> {
            if (!run.path("errors").isArray()) {
                run.putArray("errors");
            }
            ((ArrayNode) run.get("errors")).add(error);
        });
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
        scores.base().ifPresent(base -> putScores(entry.putObject("baselineScores"), base));

        update(suiteResultsDir, "the verdict of " + test, (entries, run) -> {
            entries.removeIf(e -> test.equals(e.path("test").asText()));
            entries.add(entry);
        });
    }

    /** A change to the file's verdicts and its run object. */
    private interface Change {
        void apply(List<JsonNode> entries, ObjectNode run);
    }

    private static void update(Path suiteResultsDir, String what, Change change) {
        Path file = suiteResultsDir.resolve(FILE_NAME);
        // A JVM holds file locks for all its threads (a second lock() would throw), so its threads first take turns.
        synchronized (LOCK) {
            try (FileChannel lockFile = openLockFile(suiteResultsDir); FileLock held = lockFile.lock()) {
                rewrite(file, suiteResultsDir, change);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + what + " to " + file, e);
            }
        }
    }

    private static FileChannel openLockFile(Path suiteResultsDir) throws IOException {
        Files.createDirectories(suiteResultsDir);
        return FileChannel.open(suiteResultsDir.resolve(LOCK_FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
    }

    /** Reads the file, applies the change and writes it back; the caller holds both locks. */
    private static void rewrite(Path file, Path suiteResultsDir, Change change) throws IOException {
        JsonNode old = existing(file);
        List<JsonNode> entries = new ArrayList<>();
        old.path("verdicts").forEach(entries::add);
        ObjectNode run = old.path("run").isObject() ? (ObjectNode) old.get("run") : JSON.createObjectNode();
        change.apply(entries, run);
        entries.sort(Comparator.comparing((JsonNode e) -> e.path("domain").asText())
                .thenComparing(e -> e.path("test").asText()));
        ObjectNode root = JSON.createObjectNode();
        root.put("suite", suiteResultsDir.getFileName().toString());
        if (!run.isEmpty()) {
            root.set("run", run);
        }
        ArrayNode array = root.putArray("verdicts");
        entries.forEach(array::add);
        AtomicFiles.write(file, out -> out.write(JSON.writeValueAsBytes(root)));
    }

    /** The file's content; empty if there is no file, or one this class cannot read (replaced). */
    private static JsonNode existing(Path file) {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root != null && root.path("verdicts").isArray()) {
                return root;
            }
            LOGGER.log(Level.WARNING, "{0} has no array ''verdicts''; replacing it", file);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot read {0} ({1}); replacing it", file, e.getMessage());
        }
        return JSON.createObjectNode();
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

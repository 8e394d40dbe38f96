package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.assertions.Verdict;
import dev.wmdpjunit.core.results.SuiteVerdicts;
import dev.wmdpjunit.core.results.VerdictsJson;
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
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.platform.engine.UniqueId;

/**
 * The suite's threshold verdicts next to its results files, {@code <wmdp.results>/<suite class name>/verdicts.json}
 * (format and codec: core's {@link VerdictsJson}), so that a report can be rebuilt from the results folder alone (the report entries {@code wmdp.verdict} and
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

    static final String LOCK_FILE_NAME = ".verdicts.json.lock";
    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.engine");
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
            entries.removeIf(e -> !thresholds.contains(e.test()));
            return new SuiteVerdicts.Run(Optional.of(Instant.now().truncatedTo(ChronoUnit.SECONDS)),
                    error.map(List::of).orElse(List.of()));
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
            List<String> errors = new ArrayList<>(run.map(SuiteVerdicts.Run::errors).orElse(List.of()));
            errors.add(error);
            return new SuiteVerdicts.Run(run.flatMap(SuiteVerdicts.Run::startedAt), errors);
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
        double estimate = verdict.check().estimate();
        SuiteVerdicts.Entry entry = new SuiteVerdicts.Entry(scores.candidate().domain(), test, testId.toString(),
                threshold, probe, verdict.outcome().name(), verdict.message(),
                Double.isFinite(estimate) ? OptionalDouble.of(estimate) : OptionalDouble.empty(),
                Optional.ofNullable(verdict.check().interval()), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                SuiteVerdicts.Scores.of(scores.candidate()), scores.base().map(SuiteVerdicts.Scores::of));
        update(suiteResultsDir, "the verdict of " + test, (entries, run) -> {
            entries.removeIf(e -> test.equals(e.test()));
            entries.add(entry);
            return run.orElse(null);
        });
    }

    /** A change to the file's verdicts (in place) and its run (returned; null for none). */
    private interface Change {
        SuiteVerdicts.Run apply(List<SuiteVerdicts.Entry> entries, Optional<SuiteVerdicts.Run> run);
    }

    private static void update(Path suiteResultsDir, String what, Change change) {
        Path file = VerdictsJson.file(suiteResultsDir);
        // A JVM holds file locks for all its threads (a second lock() would throw), so its threads first take turns.
        synchronized (LOCK) {
            try (FileChannel lockFile = openLockFile(suiteResultsDir); FileLock held = lockFile.lock()) {
                Optional<SuiteVerdicts> old = existing(file);
                List<SuiteVerdicts.Entry> entries = new ArrayList<>(old.map(SuiteVerdicts::verdicts).orElse(List.of()));
                SuiteVerdicts.Run run = change.apply(entries, old.flatMap(SuiteVerdicts::run));
                VerdictsJson.write(suiteResultsDir, new SuiteVerdicts(suiteResultsDir.getFileName().toString(),
                        Optional.ofNullable(run), entries));
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

    /** The file's content; empty if there is no file, or one that cannot be read (replaced). */
    private static Optional<SuiteVerdicts> existing(Path file) {
        try {
            return VerdictsJson.readIfPresent(file);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot read {0} ({1}); replacing it", file, e.getMessage());
            return Optional.empty();
        }
    }
}

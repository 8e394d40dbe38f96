package dev.wmdpjunit.core.results;

import dev.wmdpjunit.core.stats.Interval;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A suite's {@code verdicts.json} ({@link VerdictsJson}): the verdicts of its thresholds, each with the scores it was
 * decided on, and its latest run.
 *
 * @param suite    the suite class name (the name of its results folder)
 * @param run      the latest run, once the suite had a results folder when one started
 * @param verdicts sorted by domain, then test
 */
public record SuiteVerdicts(String suite, Optional<Run> run, List<Entry> verdicts) {

    public SuiteVerdicts {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(run, "run");
        verdicts = verdicts.stream().sorted(Comparator.comparing(Entry::domain).thenComparing(Entry::test)).toList();
    }

    /**
     * The latest run of a suite: when it started and what kept it from deciding thresholds (a model that cannot be
     * opened, a benchmark's data missing).
     *
     * @param startedAt empty in files where a run error was recorded before any run start
     */
    public record Run(Optional<Instant> startedAt, List<String> errors) {

        public Run {
            Objects.requireNonNull(startedAt, "startedAt");
            errors = List.copyOf(errors);
        }
    }

    /**
     * One threshold's verdict.
     *
     * @param uniqueId       the threshold test's unique id
     * @param test           the suite method
     * @param threshold      the threshold in words, e.g. {@code accuracy at most chance + 0.05}
     * @param probe          the probe's key, for a probe's threshold
     * @param outcome        {@code PASSED}, {@code FAILED} or {@code INCONCLUSIVE}
     * @param details        the verdict's message: data, rule and tests
     * @param estimate       the estimate it was decided on, when finite
     * @param interval       its interval, when the check has one
     * @param scores         the candidate's scores it was decided on
     * @param baselineScores the base model's, when the base model was scored
     */
    public record Entry(String domain, String test, String uniqueId, String threshold, Optional<String> probe,
                        String outcome, String details, OptionalDouble estimate, Optional<Interval> interval,
                        Instant decidedAt, Scores scores, Optional<Scores> baselineScores) {

        public Entry {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(probe, "probe");
            Objects.requireNonNull(estimate, "estimate");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(decidedAt, "decidedAt");
            Objects.requireNonNull(scores, "scores");
            Objects.requireNonNull(baselineScores, "baselineScores");
        }
    }

    /**
     * What a verdict was decided on, so a reader can tell a verdict that belongs to a results file from one left by
     * an earlier run.
     *
     * @param model   SHA-256 of the model
     * @param dataset SHA-256 of the dataset
     */
    public record Scores(String model, String dataset, int n, int correct) {

        public static Scores of(DomainResult result) {
            return new Scores(result.model().sha256(), result.dataset().sha256(), result.n(), result.correct());
        }
    }

    /** The entries of one benchmark, sorted by test. */
    public List<Entry> of(String domain) {
        return verdicts.stream().filter(v -> v.domain().equals(domain)).toList();
    }

    /**
     * Whether the suite's latest run decided {@code entry} on exactly {@code result}'s scores (same model, dataset and
     * counts): false for a verdict decided before the latest run started, or on other scores. In files written before
     * runs were recorded every verdict counts as the latest run's.
     */
    public boolean isCurrent(Entry entry, DomainResult result) {
        boolean decidedByLastRun = run.flatMap(Run::startedAt).map(start -> !entry.decidedAt().isBefore(start))
                .orElse(true);
        return decidedByLastRun && entry.scores().equals(Scores.of(result));
    }

    /** The latest run's errors; none when no run was recorded. */
    public List<String> runErrors() {
        return run.map(Run::errors).orElse(List.of());
    }
}

package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.assertions.Outcome;
import dev.wmdpjunit.assertions.Verdict;
import dev.wmdpjunit.core.results.DomainResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a suite measured, logged when the suite ends: one line per benchmark (domain, n, accuracy with its interval,
 * the base model's accuracy when it was scored, each threshold's verdict, an inconclusive one with how many questions
 * would decide it), then where the results are. Without it a passing run shows only
 * "Tests run" in Maven's console and the scores only in files. It goes to {@code System.Logger}
 * {@code dev.wmdpjunit.engine} at INFO like the progress lines, so Surefire shows it in the console (as it does the
 * test JVM's standard error) and users can silence it with the logging configuration they already have. Thresholds
 * decided in parallel add to it concurrently.
 */
final class SuiteSummary {

    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.engine");

    private final Path resultsDir;
    private final Map<String, Line> lines = new LinkedHashMap<>();

    /** @param resultsDir where the suite's results files go */
    SuiteSummary(Path resultsDir) {
        this.resultsDir = resultsDir;
    }

    /** A benchmark's scores, for a test that ran on them; the first call per benchmark makes its line. */
    synchronized void scored(DomainScores scores) {
        lines.computeIfAbsent(scores.candidate().domain(), domain -> new Line(scores.candidate(), scores.base()));
    }

    /** A threshold's verdict on a benchmark's scores. */
    synchronized void decided(DomainScores scores, String test, Verdict verdict) {
        scored(scores);
        lines.get(scores.candidate().domain()).verdicts.add(test + " " + verdict.outcome()
                + (verdict.outcome() == Outcome.INCONCLUSIVE ? " (" + reason(verdict) + ")" : ""));
    }

    /** The summary's text, headed by the suite's name; empty when no benchmark was scored. */
    synchronized Optional<String> text(String suite) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(suite).append(": ").append(lines.size())
                .append(lines.size() == 1 ? " benchmark" : " benchmarks");
        lines.values().forEach(line -> text.append(System.lineSeparator()).append("  ").append(line));
        text.append(System.lineSeparator()).append("  results: ").append(resultsDir.toAbsolutePath().normalize());
        return Optional.of(text.toString());
    }

    void log(String suite) {
        text(suite).ifPresent(text -> LOGGER.log(System.Logger.Level.INFO, text));
    }

    /** Why it is undecided: how many questions would decide it, or else the rule the interval did not settle. */
    private static String reason(Verdict verdict) {
        return verdict.check().hint() != null ? verdict.check().hint() : verdict.check().rule();
    }

    private static final class Line {
        private final DomainResult candidate;
        private final Optional<DomainResult> base;
        private final List<String> verdicts = new ArrayList<>();

        Line(DomainResult candidate, Optional<DomainResult> base) {
            this.candidate = candidate;
            this.base = base;
        }

        @Override
        public String toString() {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: n=%d, accuracy %.4f (%d/%d), CI %s",
                    candidate.domain(), candidate.n(), candidate.accuracy(), candidate.correct(), candidate.n(),
                    candidate.ci()));
            base.ifPresent(baseResult -> line.append(String.format(Locale.ROOT, ", base model %.4f (%d/%d)",
                    baseResult.accuracy(), baseResult.correct(), baseResult.n())));
            line.append(verdicts.isEmpty() ? "; no threshold annotation" : "; " + String.join(", ", verdicts));
            return line.toString();
        }
    }
}

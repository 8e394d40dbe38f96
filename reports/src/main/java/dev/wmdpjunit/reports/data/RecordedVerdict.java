package dev.wmdpjunit.reports.data;

import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.SuiteVerdicts;
import dev.wmdpjunit.core.results.VerdictsJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One threshold's verdict as the engine wrote it to {@code verdicts.json} (core's {@link VerdictsJson}).
 *
 * @param test      the suite method
 * @param threshold the threshold in words, e.g. {@code accuracy at most chance + 0.05}
 * @param outcome   {@code PASSED}, {@code FAILED} or {@code INCONCLUSIVE}
 * @param details   the verdict's message: data, rule and tests
 * @param current   whether the suite's latest run decided it, on the scores in the results file (same model,
 *                  dataset and counts); false for a verdict left by an earlier run
 */
public record RecordedVerdict(String test, String threshold, String outcome, String details, boolean current) {

    /** The verdicts of {@code result}'s benchmark, each marked current when decided on its scores. */
    public static List<RecordedVerdict> of(SuiteVerdicts verdicts, DomainResult result) {
        return verdicts.of(result.domain()).stream().map(v -> new RecordedVerdict(v.test(), v.threshold(),
                v.outcome(), v.details(), verdicts.isCurrent(v, result))).toList();
    }

    /**
     * The verdicts file of the suite whose results folder is {@code suiteDir}; none when there is no file (a run
     * before the engine wrote one).
     *
     * @throws ReportInputException naming the file and the field when it is malformed
     */
    public static Optional<SuiteVerdicts> read(Path suiteDir) {
        Path file = VerdictsJson.file(suiteDir);
        try {
            return VerdictsJson.readIfPresent(file);
        } catch (IOException e) {
            throw new ReportInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}

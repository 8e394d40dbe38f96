package dev.wmdpjunit.reports.data;

/**
 * One threshold's verdict as the engine wrote it to {@code verdicts.json}.
 *
 * @param test      the suite method
 * @param threshold the threshold in words, e.g. {@code accuracy at most chance + 0.05}
 * @param outcome   {@code PASSED}, {@code FAILED} or {@code INCONCLUSIVE}
 * @param details   the verdict's message: data, rule and tests
 * @param current   whether the suite's latest run decided it, on the scores in the results file (same model,
 *                  dataset and counts); false for a verdict left by an earlier run
 */
public record RecordedVerdict(String test, String threshold, String outcome, String details, boolean current) {
}

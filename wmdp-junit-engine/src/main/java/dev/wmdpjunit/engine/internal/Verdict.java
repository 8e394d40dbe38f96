package dev.wmdpjunit.engine.internal;

/**
 * The outcome of one threshold on one domain's scores.
 *
 * @param threshold what was required, e.g. {@code @AccuracyAtMost(0.3)}
 * @param outcome   passed, failed, or inconclusive (the sample cannot decide)
 * @param message   the numbers behind the outcome: accuracy, interval, n, threshold, test and p-value
 */
record Verdict(String threshold, Outcome outcome, String message) {

    enum Outcome { PASSED, FAILED, INCONCLUSIVE }
}

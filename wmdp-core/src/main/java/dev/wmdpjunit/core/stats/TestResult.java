package dev.wmdpjunit.core.stats;

import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of a significance test, worded for failure messages.
 *
 * @param test        the test and the data it saw, e.g. "exact binomial test, 30 of 100 correct"
 * @param alternative the alternative hypothesis H1, e.g. "accuracy > 0.25"
 * @param statistic   the test statistic (a count for exact tests, a z score for score tests)
 * @param pValue      the p-value, in [0, 1]
 */
public record TestResult(String test, String alternative, double statistic, double pValue) {

    public TestResult {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(alternative, "alternative");
        if (!(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("p-value must be in [0, 1], got " + pValue + " for " + test);
        }
    }

    /** Whether the null hypothesis is rejected at level {@code alpha}, that is {@code pValue <= alpha}. */
    public boolean rejectsNullAt(double alpha) {
        Arguments.requireOpenUnit("alpha", alpha);
        return pValue <= alpha;
    }

    /** The same test with another p-value, e.g. one adjusted for multiple testing; {@code how} says how. */
    public TestResult withPValue(double adjustedPValue, String how) {
        return new TestResult(test + " (" + how + ")", alternative, statistic, adjustedPValue);
    }

    /** For example {@code exact binomial test, 30 of 100 correct: H1 accuracy > 0.25, statistic 30, p = 0.1495}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: H1 %s, statistic %s, p = %.4g", test, alternative,
                formatStatistic(), pValue);
    }

    /** Counts print as integers, scores with four significant digits. */
    private String formatStatistic() {
        return statistic == Math.rint(statistic) && Math.abs(statistic) < 1e15
                ? Long.toString((long) statistic)
                : String.format(Locale.ROOT, "%.4g", statistic);
    }
}

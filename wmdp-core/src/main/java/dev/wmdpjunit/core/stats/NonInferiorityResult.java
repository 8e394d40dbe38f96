package dev.wmdpjunit.core.stats;

import java.util.Locale;

/**
 * The outcome of a non-inferiority test of candidate accuracy against base accuracy on paired questions.
 *
 * @param counts      the paired table the test saw
 * @param margin      the tolerated loss {@code d} (0.02 = two percentage points); H0: difference &le; -d
 * @param interval    two-sided confidence interval for candidate minus base accuracy
 * @param statistic   the score statistic at the margin, {@code Z(-d)}
 * @param pValue      one-sided p-value for H0: difference &le; -d against H1: difference &gt; -d
 * @param nonInferior whether H0 is rejected: the loss is shown to be smaller than the margin
 */
public record NonInferiorityResult(PairedCounts counts, double margin, Interval interval, double statistic,
                                   double pValue, boolean nonInferior) {

    /** Candidate accuracy minus base accuracy. */
    public double difference() {
        return counts.difference();
    }

    /**
     * For example {@code candidate - base = -0.0062, CI [-0.0240, 0.0115] (95% tango-score); H0 difference <= -0.0200:
     * z = 2.09, one-sided p = 0.0183: non-inferior}.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "candidate - base = %.4f, CI %s; H0 difference <= %.4f: z = %.4g, one-sided p = %.4g: %s",
                difference(), interval, -margin, statistic, pValue,
                nonInferior ? "non-inferior" : "non-inferiority not shown");
    }
}

package dev.wmdpjunit.core.stats;

/**
 * Non-inferiority of a candidate to a base model on the same questions: "the candidate retains the base's
 * accuracy within {@code d} points". H0: candidate - base &le; -d against H1: candidate - base &gt; -d, with
 * Tango's score test and interval ({@link TangoScore}).
 *
 * <p>As usual for non-inferiority (ICH E9, section 3.3.2), the one-sided test runs at level
 * {@code (1 - confidence) / 2}, so that H0 is rejected exactly when the lower limit of the two-sided
 * {@code confidence} interval lies above {@code -d}: a 95% interval goes with a one-sided 2.5% test.
 */
public final class NonInferiority {

    private NonInferiority() {
    }

    /**
     * @param margin     the tolerated loss {@code d} as a proportion (0.02 for two percentage points), in (0, 1)
     * @param confidence level of the two-sided interval, e.g. 0.95
     */
    public static NonInferiorityResult tango(PairedCounts counts, double margin, double confidence) {
        Arguments.requireOpenUnit("margin", margin);
        Interval interval = TangoScore.interval(counts, confidence);
        double z = TangoScore.statistic(counts, -margin);
        double p = ProportionIntervals.standardNormal().survivalProbability(z);
        boolean nonInferior = p < (1 - confidence) / 2;
        return new NonInferiorityResult(counts, margin, interval, z, p, nonInferior);
    }
}

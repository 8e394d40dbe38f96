package dev.wmdpjunit.core.stats;

import org.apache.commons.numbers.rootfinder.BrentSolver;

/**
 * Tango's asymptotic score test and confidence interval for the difference of two paired proportions,
 * here candidate accuracy minus base accuracy (T. Tango 1998, "Equivalence test and confidence interval for
 * the difference in proportions for the paired-sample design", Statistics in Medicine 17:891-908).
 *
 * <p>Fagerland, Lydersen &amp; Laake (2014, "Recommended tests and confidence intervals for paired binomial
 * proportions", Statistics in Medicine 33:2850-2875) recommend it for all sample sizes. Unlike Newcombe's
 * square-and-add interval it comes with a test statistic, so the interval, the p-value and the decision of a
 * non-inferiority test agree: the interval is exactly the set of differences the two-sided score test does not
 * reject.
 *
 * <p>With {@code n12} = only candidate correct, {@code n21} = only base correct and {@code N} pairs, the score
 * statistic for H0: difference = d0 is
 * {@code Z(d0) = (n12 - n21 - N d0) / sqrt(N (2 q + d0 (1 - d0)))}, where {@code q} is the maximum
 * likelihood estimate of P(only base correct) under H0, the positive root of {@code A q^2 + B q + C = 0} with
 * {@code A = 2N}, {@code B = -n12 - n21 + (2N - n12 + n21) d0}, {@code C = -n21 d0 (1 - d0)}.
 */
public final class TangoScore {

    /** How close to the boundary ±1 the interval search goes; no limit of a non-degenerate table is closer. */
    private static final double EDGE = 1e-9;
    private static final BrentSolver SOLVER = new BrentSolver(1e-14, 1e-12, 0);

    private TangoScore() {
    }

    /**
     * The score statistic for H0: candidate accuracy - base accuracy = {@code d0}. Large positive values favour
     * differences above {@code d0}.
     *
     * @param d0 the hypothesised difference, strictly between -1 and 1
     */
    public static double statistic(PairedCounts counts, double d0) {
        if (!(d0 > -1 && d0 < 1)) {
            throw new IllegalArgumentException("hypothesised difference must be strictly between -1 and 1, got " + d0);
        }
        int n12 = counts.onlyCandidateCorrect();
        int n21 = counts.onlyBaseCorrect();
        double total = counts.n();
        double numerator = n12 - n21 - total * d0;
        if (numerator == 0) {
            // The estimate equals d0; also covers the 0/0 of a table without discordant pairs at d0 = 0.
            return 0;
        }
        double a = 2 * total;
        double b = -n12 - n21 + (2 * total - n12 + n21) * d0;
        double c = -n21 * d0 * (1 - d0);
        double q = (Math.sqrt(Math.max(0, b * b - 4 * a * c)) - b) / (2 * a);
        return numerator / Math.sqrt(total * (2 * q + d0 * (1 - d0)));
    }

    /**
     * Tango's score test of H0: candidate accuracy - base accuracy = {@code d0} against the given alternative,
     * with {@link #statistic} against the standard normal. {@link NonInferiority#tango} is this test with
     * {@code d0 = -margin} and {@link Alternative#GREATER}; {@link Alternative#LESS} at the same {@code d0} asks
     * the opposite question, whether the candidate lost more than the margin.
     */
    public static TestResult test(PairedCounts counts, double d0, Alternative alternative) {
        double z = statistic(counts, d0);
        return new TestResult(
                "Tango score test, " + counts.onlyBaseCorrect() + " only base correct vs "
                        + counts.onlyCandidateCorrect() + " only candidate correct of " + counts.n(),
                "candidate - base " + alternative.symbol() + " " + d0,
                z, ProportionIntervals.normalPValue(z, alternative));
    }

    /**
     * Tango's score interval: the differences {@code d0} with {@code |Z(d0)|} below the normal critical value.
     * For the Cavo et al. example of Fagerland et al. (2014), {@code new PairedCounts(59, 16, 6, 80)}, it gives
     * [-0.1240, -0.0054] at 95%.
     */
    public static Interval interval(PairedCounts counts, double confidence) {
        Arguments.requireConfidence(confidence);
        double z = ProportionIntervals.twoSidedCriticalValue(confidence);
        double estimate = counts.difference();
        // Z decreases in d0 and is 0 at the estimate: each limit is the one root on its side of it.
        double lower = estimate == -1 ? -1
                : SOLVER.findRoot(d0 -> statistic(counts, d0) - z, -1 + EDGE, Math.min(estimate, 1 - EDGE));
        double upper = estimate == 1 ? 1
                : SOLVER.findRoot(d0 -> statistic(counts, d0) + z, Math.max(estimate, -1 + EDGE), 1 - EDGE);
        return new Interval(lower, upper, confidence, IntervalMethod.TANGO_SCORE);
    }
}

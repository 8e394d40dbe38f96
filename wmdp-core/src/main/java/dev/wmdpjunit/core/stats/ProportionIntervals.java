package dev.wmdpjunit.core.stats;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Confidence intervals for a binomial proportion, such as an accuracy.
 *
 * <p>Wilson's interval keeps close to its nominal coverage even for small {@code n} and for proportions near
 * 0 or 1 (Agresti &amp; Coull 1998, "Approximate is better than 'exact' for interval estimation of binomial
 * proportions", The American Statistician 52:119-126; Brown, Cai &amp; DasGupta 2001, Statistical Science
 * 16:101-133). Clopper-Pearson guarantees at least nominal coverage and is therefore wider.
 */
public final class ProportionIntervals {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private ProportionIntervals() {
    }

    /** The interval of the given method for {@code successes} of {@code n}. */
    public static Interval of(IntervalMethod method, int successes, int n, double confidence) {
        return switch (method) {
            case WILSON -> wilson(successes, n, confidence);
            case CLOPPER_PEARSON -> clopperPearson(successes, n, confidence);
            case TANGO_SCORE -> throw new IllegalArgumentException(
                    "tango-score is an interval for a paired difference, not for one proportion");
        };
    }

    /** The accuracy's interval of the given method. */
    public static Interval of(IntervalMethod method, Accuracy accuracy, double confidence) {
        return of(method, accuracy.correct(), accuracy.n(), confidence);
    }

    /**
     * Wilson score interval (Wilson 1927, JASA 22:209-212), without continuity correction; the same as R's
     * {@code prop.test(x, n, correct = FALSE)$conf.int}.
     */
    public static Interval wilson(int successes, int n, double confidence) {
        Arguments.requireCounts(successes, n);
        Arguments.requireConfidence(confidence);
        double z = twoSidedCriticalValue(confidence);
        double p = (double) successes / n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double halfWidth = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z2n / (4 * n));
        // At 0 or n the formula's bound is exactly 0 or 1; computing it would leave rounding noise.
        double lower = successes == 0 ? 0 : centre - halfWidth;
        double upper = successes == n ? 1 : centre + halfWidth;
        return new Interval(lower, upper, confidence, IntervalMethod.WILSON);
    }

    /**
     * Clopper-Pearson exact interval (Clopper &amp; Pearson 1934, Biometrika 26:404-413) from beta quantiles;
     * the same as R's {@code binom.test(x, n)$conf.int}.
     */
    public static Interval clopperPearson(int successes, int n, double confidence) {
        Arguments.requireCounts(successes, n);
        Arguments.requireConfidence(confidence);
        double tail = (1 - confidence) / 2;
        double lower = successes == 0 ? 0
                : BetaDistribution.of(successes, n - successes + 1).inverseCumulativeProbability(tail);
        double upper = successes == n ? 1
                : BetaDistribution.of(successes + 1, n - successes).inverseSurvivalProbability(tail);
        return new Interval(lower, upper, confidence, IntervalMethod.CLOPPER_PEARSON);
    }

    /** The standard normal quantile z with P(|Z| &le; z) = confidence, e.g. 1.959964 for 0.95. */
    public static double twoSidedCriticalValue(double confidence) {
        Arguments.requireConfidence(confidence);
        return STANDARD_NORMAL.inverseSurvivalProbability((1 - confidence) / 2);
    }

    static NormalDistribution standardNormal() {
        return STANDARD_NORMAL;
    }

    /** The p-value of a standard normal statistic {@code z}; each tail from its own function, for precision. */
    static double normalPValue(double z, Alternative alternative) {
        return switch (alternative) {
            case GREATER -> STANDARD_NORMAL.survivalProbability(z);
            case LESS -> STANDARD_NORMAL.cumulativeProbability(z);
            case TWO_SIDED -> Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
        };
    }
}

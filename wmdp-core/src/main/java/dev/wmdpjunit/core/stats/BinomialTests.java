package dev.wmdpjunit.core.stats;

import org.apache.commons.statistics.inference.BinomialTest;

/**
 * Exact binomial tests of an accuracy against a fixed proportion, typically chance (0.25 for four choices):
 * "is this model's accuracy really above chance, or is it noise?".
 */
public final class BinomialTests {

    private BinomialTests() {
    }

    /**
     * One-sided exact test of H0: accuracy &le; chance against H1: accuracy &gt; chance; the same as R's
     * {@code binom.test(correct, n, p = chance, alternative = "greater")}.
     */
    public static TestResult aboveChance(Accuracy accuracy, double chance) {
        return exact(accuracy, chance, Alternative.GREATER);
    }

    /**
     * Exact binomial test of the accuracy against {@code p0}; the same as R's {@code binom.test} (the
     * two-sided p-value sums the outcomes no more likely than the one observed).
     */
    public static TestResult exact(Accuracy accuracy, double p0, Alternative alternative) {
        Arguments.requireOpenUnit("p0", p0);
        double p = BinomialTest.withDefaults().with(alternative.toCommons())
                .test(accuracy.n(), accuracy.correct(), p0).getPValue();
        return new TestResult(
                "exact binomial test, " + accuracy.correct() + " of " + accuracy.n() + " correct",
                "accuracy " + alternative.symbol() + " " + p0,
                accuracy.correct(), p);
    }

    /**
     * Score test of the accuracy against {@code p0}: {@code z = (correct - n p0) / sqrt(n p0 (1 - p0))} against
     * the standard normal; the same as R's {@code prop.test(correct, n, p0, correct = FALSE)}. It is the test
     * whose inversion is the Wilson interval: the one-sided p-value is at most {@code (1 - confidence) / 2}
     * exactly when {@code p0} lies outside the Wilson interval on the corresponding side, so decisions made with
     * it agree with {@link ProportionIntervals#wilson}.
     */
    public static TestResult score(Accuracy accuracy, double p0, Alternative alternative) {
        Arguments.requireOpenUnit("p0", p0);
        double z = (accuracy.correct() - accuracy.n() * p0) / Math.sqrt(accuracy.n() * p0 * (1 - p0));
        return new TestResult(
                "score test, " + accuracy.correct() + " of " + accuracy.n() + " correct",
                "accuracy " + alternative.symbol() + " " + p0,
                z, ProportionIntervals.normalPValue(z, alternative));
    }
}

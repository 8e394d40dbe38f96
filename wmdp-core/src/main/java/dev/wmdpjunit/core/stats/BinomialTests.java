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
}

package dev.wmdpjunit.core.stats;

import org.apache.commons.statistics.inference.BinomialTest;

/**
 * McNemar's exact (conditional) test for paired correctness: given the discordant questions, is the
 * candidate's share of them different from one half? This is the exact binomial test of
 * {@code onlyCandidateCorrect} of {@code discordant} against 0.5, as in R's
 * {@code binom.test(onlyCandidateCorrect, discordant)} (McNemar 1947, Psychometrika 12:153-157).
 */
public final class McNemarTest {

    private McNemarTest() {
    }

    /**
     * @param alternative about candidate accuracy minus base accuracy: {@link Alternative#LESS} asks whether the
     *                    candidate is worse, {@link Alternative#GREATER} whether it is better
     * @return the test; with no discordant questions there is no evidence either way and the p-value is 1
     */
    public static TestResult exact(PairedCounts counts, Alternative alternative) {
        int discordant = counts.discordant();
        double p = discordant == 0 ? 1.0
                : BinomialTest.withDefaults().with(alternative.toCommons())
                        .test(discordant, counts.onlyCandidateCorrect(), 0.5).getPValue();
        return new TestResult(
                "exact McNemar test, " + counts.onlyBaseCorrect() + " only base correct vs "
                        + counts.onlyCandidateCorrect() + " only candidate correct of " + counts.n(),
                "candidate accuracy " + alternative.symbol() + " base accuracy",
                counts.onlyCandidateCorrect(), p);
    }
}

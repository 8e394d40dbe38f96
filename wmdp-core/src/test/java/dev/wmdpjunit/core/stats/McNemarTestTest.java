package dev.wmdpjunit.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Exact McNemar = exact binomial test on the discordant pairs. References: R 4.2.2
 * {@code binom.test(onlyCandidateCorrect, discordant)}, and Fagerland, Lydersen &amp; Laake (2014), Statistics
 * in Medicine 33:2850-2875, example of Cavo et al. (2012): 59 / 6 / 16 / 80, "McNemar exact conditional test:
 * P = 0.052479" (the same value is in the R package contingencytables' tests).
 */
class McNemarTestTest {

    /** Cavo et al.: 6 pairs favour the candidate, 16 the base. */
    private static final PairedCounts CAVO = new PairedCounts(59, 16, 6, 80);

    @Test
    void twoSidedMatchesPublishedValue() {
        // binom.test(6, 22)$p.value = 0.0524787902832032
        TestResult test = McNemarTest.exact(CAVO, Alternative.TWO_SIDED);
        assertThat(test.pValue()).isCloseTo(0.0524787902832032, within(1e-12));
        assertThat(test.statistic()).isEqualTo(6);
    }

    @Test
    void oneSidedMatchesR() {
        // binom.test(6, 22, alternative = "less")$p.value = 0.0262393951416016: the candidate is worse
        assertThat(McNemarTest.exact(CAVO, Alternative.LESS).pValue()).isCloseTo(0.0262393951416016, within(1e-12));
        // binom.test(6, 22, alternative = "greater")$p.value = 0.991549730300903
        assertThat(McNemarTest.exact(CAVO, Alternative.GREATER).pValue())
                .isCloseTo(0.991549730300903, within(1e-12));
        // binom.test(2, 14, alternative = "less")$p.value = 0.0064697265625; two-sided 0.012939453125
        PairedCounts lost12 = new PairedCounts(36, 12, 2, 0);
        assertThat(McNemarTest.exact(lost12, Alternative.LESS).pValue()).isCloseTo(0.0064697265625, within(1e-15));
        assertThat(McNemarTest.exact(lost12, Alternative.TWO_SIDED).pValue())
                .isCloseTo(0.012939453125, within(1e-15));
    }

    @Test
    void balancedOrNoDiscordantPairsGiveNoEvidence() {
        // binom.test(5, 10)$p.value = 1
        assertThat(McNemarTest.exact(new PairedCounts(10, 5, 5, 10), Alternative.TWO_SIDED).pValue()).isEqualTo(1.0);
        assertThat(McNemarTest.exact(new PairedCounts(10, 0, 0, 3), Alternative.LESS).pValue()).isEqualTo(1.0);
        assertThat(McNemarTest.exact(new PairedCounts(10, 0, 0, 3), Alternative.TWO_SIDED).pValue()).isEqualTo(1.0);
    }

    @Test
    void readsWellInMessages() {
        assertThat(McNemarTest.exact(CAVO, Alternative.LESS).toString()).isEqualTo(
                "exact McNemar test, 16 only base correct vs 6 only candidate correct of 161:"
                        + " H1 candidate accuracy < base accuracy, statistic 6, p = 0.02624");
    }
}

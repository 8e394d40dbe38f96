package dev.wmdpjunit.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference p-values: R 4.2.2 {@code binom.test}, printed with 15 digits. */
class BinomialTestsTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void aboveChanceMatchesROneSided() {
        // binom.test(30, 100, p = 0.25, alternative = "greater")$p.value = 0.149541046566574
        TestResult noisy = BinomialTests.aboveChance(new Accuracy(30, 100), 0.25);
        assertThat(noisy.pValue()).isCloseTo(0.149541046566574, within(TOLERANCE));
        assertThat(noisy.statistic()).isEqualTo(30);
        assertThat(noisy.rejectsNullAt(0.05)).isFalse();

        // binom.test(290, 1000, p = 0.25, alternative = "greater")$p.value = 0.0022296751567738
        TestResult real = BinomialTests.aboveChance(new Accuracy(290, 1000), 0.25);
        assertThat(real.pValue()).isCloseTo(0.0022296751567738, within(TOLERANCE));
        assertThat(real.rejectsNullAt(0.05)).isTrue();
    }

    @Test
    void edgeCountsMatchR() {
        // binom.test(0, 10, p = 0.25, alternative = "greater")$p.value = 1
        assertThat(BinomialTests.aboveChance(new Accuracy(0, 10), 0.25).pValue()).isEqualTo(1.0);
        // binom.test(10, 10, p = 0.25, alternative = "greater")$p.value = 9.53674316406249e-07 (= 0.25^10)
        assertThat(BinomialTests.aboveChance(new Accuracy(10, 10), 0.25).pValue())
                .isCloseTo(Math.pow(0.25, 10), within(1e-20));
    }

    @Test
    void otherAlternativesMatchR() {
        // binom.test(7, 20, p = 0.25)$p.value = 0.30547848486367
        assertThat(BinomialTests.exact(new Accuracy(7, 20), 0.25, Alternative.TWO_SIDED).pValue())
                .isCloseTo(0.30547848486367, within(TOLERANCE));
        // binom.test(20, 100, p = 0.25, alternative = "less")$p.value = 0.148831050442992
        assertThat(BinomialTests.exact(new Accuracy(20, 100), 0.25, Alternative.LESS).pValue())
                .isCloseTo(0.148831050442992, within(TOLERANCE));
    }

    @Test
    void scoreTestMatchesTheNormalApproximation() {
        // z = (30 - 25) / sqrt(100 * 0.25 * 0.75); scipy.stats.norm.sf(z) = 0.12410653949496186, and the
        // two-sided p equals Pearson's chi-square goodness of fit: scipy.stats.chisquare([30, 70], [25, 75])
        // = 0.24821307898992026 (R: prop.test(30, 100, 0.25, correct = FALSE)).
        Accuracy accuracy = new Accuracy(30, 100);
        TestResult greater = BinomialTests.score(accuracy, 0.25, Alternative.GREATER);
        assertThat(greater.statistic()).isCloseTo(1.1547005383792515, within(TOLERANCE));
        assertThat(greater.pValue()).isCloseTo(0.12410653949496186, within(TOLERANCE));
        assertThat(BinomialTests.score(accuracy, 0.25, Alternative.TWO_SIDED).pValue())
                .isCloseTo(0.24821307898992026, within(TOLERANCE));
        assertThat(BinomialTests.score(new Accuracy(20, 100), 0.25, Alternative.LESS).pValue())
                .isCloseTo(0.12410653949496186, within(TOLERANCE));
        assertThat(greater).hasToString(
                "score test, 30 of 100 correct: H1 accuracy > 0.25, statistic 1.155, p = 0.1241");
    }

    @Test
    void scoreTestInvertsToTheWilsonInterval() {
        // At each Wilson bound the one-sided score p-value is exactly (1 - confidence) / 2.
        for (int correct = 1; correct < 40; correct += 7) {
            Accuracy accuracy = new Accuracy(correct, 40);
            Interval wilson = ProportionIntervals.wilson(correct, 40, 0.95);
            assertThat(BinomialTests.score(accuracy, wilson.upper(), Alternative.LESS).pValue())
                    .as("%s", accuracy).isCloseTo(0.025, within(1e-12));
            assertThat(BinomialTests.score(accuracy, wilson.lower(), Alternative.GREATER).pValue())
                    .as("%s", accuracy).isCloseTo(0.025, within(1e-12));
        }
    }

    @Test
    void readsWellInMessages() {
        assertThat(BinomialTests.aboveChance(new Accuracy(30, 100), 0.25)).hasToString(
                "exact binomial test, 30 of 100 correct: H1 accuracy > 0.25, statistic 30, p = 0.1495");
    }

    @Test
    void rejectsDegenerateChance() {
        assertThatThrownBy(() -> BinomialTests.aboveChance(new Accuracy(3, 10), 1.0)).hasMessageContaining("p0");
        assertThatThrownBy(() -> BinomialTests.aboveChance(new Accuracy(3, 10), 0.0)).hasMessageContaining("p0");
    }
}

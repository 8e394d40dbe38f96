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

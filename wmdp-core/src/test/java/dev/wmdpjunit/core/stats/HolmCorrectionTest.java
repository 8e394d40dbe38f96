package dev.wmdpjunit.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reference values: R 4.2.2 {@code p.adjust(p, method = "holm")}. */
class HolmCorrectionTest {

    @Test
    void matchesR() {
        // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        assertThat(HolmCorrection.adjust(0.01, 0.04, 0.03, 0.005))
                .containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-15));
        // p.adjust(c(0.02, 0.5, 0.001, 0.03, 0.04), "holm") = 0.08 0.5 0.005 0.09 0.09
        assertThat(HolmCorrection.adjust(0.02, 0.5, 0.001, 0.03, 0.04))
                .containsExactly(new double[] {0.08, 0.5, 0.005, 0.09, 0.09}, within(1e-15));
    }

    @Test
    void capsAtOneAndLeavesASingleTestAlone() {
        assertThat(HolmCorrection.adjust(0.6, 0.7)).containsExactly(1.0, 1.0);
        assertThat(HolmCorrection.adjust(0.03)).containsExactly(0.03);
        assertThat(HolmCorrection.adjust()).isEmpty();
    }

    @Test
    void adjustsTestResultsAndSaysSo() {
        List<TestResult> adjusted = HolmCorrection.adjust(List.of(
                new TestResult("test A", "x > 0", 1, 0.01),
                new TestResult("test B", "y > 0", 2, 0.04)));
        assertThat(adjusted).extracting(TestResult::pValue).containsExactly(0.02, 0.04);
        assertThat(adjusted.get(0).test()).isEqualTo("test A (Holm-adjusted over 2 tests)");
        assertThat(adjusted.get(0).statistic()).isEqualTo(1);
        assertThat(adjusted.get(0).rejectsNullAt(0.05)).isTrue();
    }

    @Test
    void rejectsInvalidPValues() {
        assertThatThrownBy(() -> HolmCorrection.adjust(0.1, Double.NaN)).hasMessageContaining("p-value 1");
        assertThatThrownBy(() -> HolmCorrection.adjust(1.5)).hasMessageContaining("got 1.5");
    }
}

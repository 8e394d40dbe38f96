package dev.wmdpjunit.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NonInferiorityTest {

    /** Fagerland et al. (2014)'s Cavo example: candidate - base = -0.0621, Tango 95% CI [-0.1240, -0.0054]. */
    private static final PairedCounts CAVO = new PairedCounts(59, 16, 6, 80);

    @Test
    void marginBelowTheLowerLimitIsNonInferior() {
        NonInferiorityResult result = NonInferiority.tango(CAVO, 0.15, 0.95);
        assertThat(result.interval().lower()).isCloseTo(-0.1240, within(5e-5));
        assertThat(result.nonInferior()).isTrue();
        assertThat(result.pValue()).isLessThan(0.025);
        assertThat(result.difference()).isEqualTo(CAVO.difference());
    }

    @Test
    void marginAboveTheLowerLimitIsNotShown() {
        NonInferiorityResult result = NonInferiority.tango(CAVO, 0.10, 0.95);
        assertThat(result.nonInferior()).isFalse();
        assertThat(result.pValue()).isGreaterThan(0.025);
    }

    @Test
    void pValueAtTheLowerLimitIsHalfOfAlpha() {
        // The interval is the inverted score test, so a margin equal to -lower sits exactly on the boundary.
        double lower = TangoScore.interval(CAVO, 0.95).lower();
        NonInferiorityResult boundary = NonInferiority.tango(CAVO, -lower, 0.95);
        assertThat(boundary.pValue()).isCloseTo(0.025, within(1e-9));
        assertThat(boundary.statistic()).isCloseTo(ProportionIntervals.twoSidedCriticalValue(0.95), within(1e-9));
    }

    @Test
    void decisionAgreesWithTheIntervalAcrossMargins() {
        PairedCounts counts = new PairedCounts(400, 25, 18, 57);
        for (int points = 1; points <= 10; points++) {
            double margin = points / 100.0;
            NonInferiorityResult result = NonInferiority.tango(counts, margin, 0.95);
            assertThat(result.nonInferior()).as("margin %s", margin)
                    .isEqualTo(result.interval().lower() > -margin);
        }
    }

    @Test
    void identicalModelsAreNonInferiorWithEnoughQuestions() {
        // No discordant pairs: Z(-d) = sqrt(N d / (1 - d)).
        NonInferiorityResult result = NonInferiority.tango(new PairedCounts(300, 0, 0, 200), 0.02, 0.95);
        assertThat(result.statistic()).isCloseTo(Math.sqrt(500 * 0.02 / 0.98), within(1e-12));
        assertThat(result.nonInferior()).isTrue();
    }

    @Test
    void readsWellInMessages() {
        assertThat(NonInferiority.tango(CAVO, 0.10, 0.95).toString())
                .startsWith("candidate - base = -0.0621, CI [-0.1240, -0.0054] (95% tango-score);"
                        + " H0 difference <= -0.1000: z = ")
                .endsWith(": non-inferiority not shown");
    }

    @Test
    void rejectsBadMargins() {
        assertThatThrownBy(() -> NonInferiority.tango(CAVO, 0, 0.95)).hasMessageContaining("margin");
        assertThatThrownBy(() -> NonInferiority.tango(CAVO, 2, 0.95)).hasMessageContaining("margin");
    }
}

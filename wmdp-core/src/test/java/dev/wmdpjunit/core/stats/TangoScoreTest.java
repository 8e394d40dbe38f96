package dev.wmdpjunit.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference: Fagerland, Lydersen &amp; Laake (2014), "Recommended tests and confidence intervals for paired
 * binomial proportions", Statistics in Medicine 33:2850-2875, example of Cavo et al. (2012), table
 * 59 / 6 / 16 / 80 (both / first only / second only / neither): estimate -0.0621, Tango asymptotic score 95%
 * CI -0.1240 to -0.0054; McNemar asymptotic test Z = -2.132, P = 0.033006 (the same values are in the R package
 * contingencytables' tests, and R's {@code mcnemar.test(correct = FALSE)} gives P = 0.0330062576612324).
 */
class TangoScoreTest {

    private static final PairedCounts CAVO = new PairedCounts(59, 16, 6, 80);

    @Test
    void intervalMatchesPublishedExample() {
        Interval interval = TangoScore.interval(CAVO, 0.95);
        assertThat(CAVO.difference()).isCloseTo(-0.0621, within(5e-5));
        assertThat(interval.lower()).isCloseTo(-0.1240, within(5e-5));
        assertThat(interval.upper()).isCloseTo(-0.0054, within(5e-5));
        assertThat(interval.method()).isEqualTo(IntervalMethod.TANGO_SCORE);
    }

    @Test
    void statisticAtZeroIsMcNemarsAsymptoticZ() {
        // Tango's Z at d0 = 0 reduces to (n12 - n21) / sqrt(n12 + n21) = -10 / sqrt(22)
        double z = TangoScore.statistic(CAVO, 0);
        assertThat(z).isCloseTo(-10 / Math.sqrt(22), within(1e-12));
        assertThat(2 * ProportionIntervals.standardNormal().cumulativeProbability(z))
                .isCloseTo(0.0330062576612324, within(1e-12));
    }

    @Test
    void limitsAreWhereTheScoreTestJustRejects() {
        Interval interval = TangoScore.interval(CAVO, 0.90);
        double z = ProportionIntervals.twoSidedCriticalValue(0.90);
        assertThat(TangoScore.statistic(CAVO, interval.lower())).isCloseTo(z, within(1e-9));
        assertThat(TangoScore.statistic(CAVO, interval.upper())).isCloseTo(-z, within(1e-9));
        assertThat(interval).satisfies(i -> assertThat(i.contains(CAVO.difference())).isTrue());
        assertThat(interval.upper() - interval.lower())
                .isLessThan(TangoScore.interval(CAVO, 0.95).upper() - TangoScore.interval(CAVO, 0.95).lower());
    }

    @Test
    void noDiscordantPairsGiveAnIntervalAroundZero() {
        PairedCounts identical = new PairedCounts(30, 0, 0, 20);
        Interval interval = TangoScore.interval(identical, 0.95);
        assertThat(TangoScore.statistic(identical, 0)).isZero();
        assertThat(interval.lower()).isNegative();
        assertThat(interval.upper()).isPositive();
        assertThat(interval.lower()).isCloseTo(-interval.upper(), within(1e-9));
    }

    @Test
    void extremeTablesReachTheBoundary() {
        Interval allLost = TangoScore.interval(new PairedCounts(0, 10, 0, 0), 0.95);
        assertThat(allLost.lower()).isEqualTo(-1.0);
        assertThat(allLost.upper()).isBetween(-1.0, 0.0);
        Interval allGained = TangoScore.interval(new PairedCounts(0, 0, 10, 0), 0.95);
        assertThat(allGained.upper()).isEqualTo(1.0);
        assertThat(allGained.lower()).isCloseTo(-allLost.upper(), within(1e-9));
    }

    @Test
    void everySmallTableHasAnIntervalAroundItsEstimate() {
        double z = ProportionIntervals.twoSidedCriticalValue(0.95);
        for (int n = 1; n <= 14; n++) {
            for (int onlyBase = 0; onlyBase <= n; onlyBase++) {
                for (int onlyCandidate = 0; onlyBase + onlyCandidate <= n; onlyCandidate++) {
                    PairedCounts counts = new PairedCounts(n - onlyBase - onlyCandidate, onlyBase, onlyCandidate, 0);
                    Interval interval = TangoScore.interval(counts, 0.95);
                    assertThat(interval.contains(counts.difference())).as("%s", counts).isTrue();
                    assertThat(interval.lower()).as("%s", counts).isGreaterThanOrEqualTo(-1);
                    assertThat(interval.upper()).as("%s", counts).isLessThanOrEqualTo(1);
                    if (interval.lower() > -1) {
                        assertThat(TangoScore.statistic(counts, interval.lower())).as("%s", counts)
                                .isCloseTo(z, within(1e-6));
                    }
                    if (interval.upper() < 1) {
                        assertThat(TangoScore.statistic(counts, interval.upper())).as("%s", counts)
                                .isCloseTo(-z, within(1e-6));
                    }
                }
            }
        }
    }

    @Test
    void testAgreesWithNonInferiorityAndTheInterval() {
        TestResult greater = TangoScore.test(CAVO, -0.10, Alternative.GREATER);
        assertThat(greater.pValue()).isEqualTo(NonInferiority.tango(CAVO, 0.10, 0.95).pValue());
        assertThat(greater.statistic()).isEqualTo(TangoScore.statistic(CAVO, -0.10));
        assertThat(TangoScore.test(CAVO, -0.10, Alternative.LESS).pValue())
                .isCloseTo(1 - greater.pValue(), within(1e-15));
        // Below the upper limit's difference the candidate is shown worse exactly at the one-sided level.
        Interval interval = TangoScore.interval(CAVO, 0.95);
        assertThat(TangoScore.test(CAVO, interval.upper(), Alternative.LESS).pValue()).isCloseTo(0.025, within(1e-9));
        assertThat(TangoScore.test(CAVO, interval.upper(), Alternative.TWO_SIDED).pValue())
                .isCloseTo(0.05, within(1e-9));
        assertThat(TangoScore.test(CAVO, -0.1, Alternative.LESS).toString()).startsWith(
                "Tango score test, 16 only base correct vs 6 only candidate correct of 161:"
                        + " H1 candidate - base < -0.1, statistic ");
    }

    @Test
    void rejectsDifferencesOutsideTheOpenRange() {
        assertThatThrownBy(() -> TangoScore.statistic(CAVO, -1)).hasMessageContaining("between -1 and 1, got -1");
    }
}

package dev.wmdpjunit.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference values: R 4.2.2, {@code prop.test(x, n, correct = FALSE)$conf.int} (Wilson) and
 * {@code binom.test(x, n)$conf.int} (Clopper-Pearson), printed with 15 digits. The first four rows are the
 * examples of R.G. Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of
 * seven methods", Statistics in Medicine 17:857-872, Table II, which lists them to four decimals
 * (81/263: Wilson 0.2553-0.3662, exact 0.2527-0.3676; 15/148: 0.0624-0.1605, 0.0578-0.1617; 0/20: 0-0.1611,
 * 0-0.1684; 1/29: 0.0061-0.1718, 0.0009-0.1776).
 */
class ProportionIntervalsTest {

    private static final double TOLERANCE = 1e-12;

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({
            "81, 263, 0.255288519878274,   0.3662095769828,   0.252736745585271,   0.367621922601351",
            "15, 148, 0.0623863995307363,  0.160487241723308, 0.0578440100834486,  0.161650490349479",
            "0,  20,  0,                   0.161125158052819, 0,                   0.168433470983085",
            "1,  29,  0.00611321429276266, 0.171755218793203, 0.000872646883579923, 0.177644295488723",
            "20, 20,  0.838874841947181,   1,                 0.831566529016915,   1",
            "13, 16,  0.569911190380259,   0.934084009285719, 0.543543453768388,   0.959526266094054",
    })
    void matchR(int x, int n, double wilsonLower, double wilsonUpper, double cpLower, double cpUpper) {
        Interval wilson = ProportionIntervals.wilson(x, n, 0.95);
        assertThat(wilson.lower()).isCloseTo(wilsonLower, within(TOLERANCE));
        assertThat(wilson.upper()).isCloseTo(wilsonUpper, within(TOLERANCE));
        assertThat(wilson.method()).isEqualTo(IntervalMethod.WILSON);

        Interval exact = ProportionIntervals.clopperPearson(x, n, 0.95);
        assertThat(exact.lower()).isCloseTo(cpLower, within(TOLERANCE));
        assertThat(exact.upper()).isCloseTo(cpUpper, within(TOLERANCE));
        assertThat(exact.method()).isEqualTo(IntervalMethod.CLOPPER_PEARSON);
    }

    @Test
    void otherConfidenceLevels() {
        // R: prop.test(81, 263, correct = FALSE, conf.level = 0.9)$conf.int = 0.263313617188481 0.356566349608488
        Interval wilson90 = ProportionIntervals.wilson(81, 263, 0.90);
        assertThat(wilson90.lower()).isCloseTo(0.263313617188481, within(TOLERANCE));
        assertThat(wilson90.upper()).isCloseTo(0.356566349608488, within(TOLERANCE));
        assertThat(wilson90.confidence()).isEqualTo(0.90);
        // R: binom.test(81, 263, conf.level = 0.99)$conf.int = 0.236837358165539 0.386258325669745
        Interval exact99 = ProportionIntervals.clopperPearson(81, 263, 0.99);
        assertThat(exact99.lower()).isCloseTo(0.236837358165539, within(TOLERANCE));
        assertThat(exact99.upper()).isCloseTo(0.386258325669745, within(TOLERANCE));
    }

    @Test
    void boundsAreExactAtZeroAndN() {
        assertThat(ProportionIntervals.wilson(0, 7, 0.95).lower()).isEqualTo(0.0);
        assertThat(ProportionIntervals.wilson(7, 7, 0.95).upper()).isEqualTo(1.0);
        assertThat(ProportionIntervals.clopperPearson(0, 7, 0.95).lower()).isEqualTo(0.0);
        assertThat(ProportionIntervals.clopperPearson(7, 7, 0.95).upper()).isEqualTo(1.0);
    }

    @Test
    void dispatchesOnMethodAndAcceptsAccuracy() {
        Accuracy accuracy = new Accuracy(15, 148);
        assertThat(ProportionIntervals.of(IntervalMethod.WILSON, accuracy, 0.95))
                .isEqualTo(ProportionIntervals.wilson(15, 148, 0.95));
        assertThat(ProportionIntervals.of(IntervalMethod.CLOPPER_PEARSON, accuracy, 0.95))
                .isEqualTo(ProportionIntervals.clopperPearson(15, 148, 0.95));
        assertThatThrownBy(() -> ProportionIntervals.of(IntervalMethod.TANGO_SCORE, accuracy, 0.95))
                .hasMessageContaining("paired difference");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> ProportionIntervals.wilson(0, 0, 0.95)).hasMessageContaining("n must be positive");
        assertThatThrownBy(() -> ProportionIntervals.clopperPearson(0, 0, 0.95))
                .hasMessageContaining("n must be positive");
        assertThatThrownBy(() -> ProportionIntervals.wilson(3, 10, 1.0)).hasMessageContaining("confidence");
        assertThatThrownBy(() -> ProportionIntervals.clopperPearson(3, 10, 0)).hasMessageContaining("confidence");
    }

    @Test
    void readsWellInMessages() {
        assertThat(ProportionIntervals.wilson(81, 263, 0.95)).hasToString("[0.2553, 0.3662] (95% wilson)");
        assertThat(ProportionIntervals.wilson(81, 263, 0.90)).hasToString("[0.2633, 0.3566] (90% wilson)");
        // R: binom.test(81, 263, conf.level = 0.975)$conf.int = 0.245410915349604 0.376110510858321
        assertThat(ProportionIntervals.clopperPearson(81, 263, 0.975))
                .hasToString("[0.2454, 0.3761] (97.5% clopper-pearson)");
    }
}

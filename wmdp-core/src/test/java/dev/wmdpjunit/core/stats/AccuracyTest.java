package dev.wmdpjunit.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AccuracyTest {

    @Test
    void stderrMatchesLmEvalMeanStderr() {
        // lm-eval's metrics.mean_stderr (sample_stddev(arr) / sqrt(len(arr))), run in Python 3:
        //   mean_stderr([1.0]*30 + [0.0]*70)                        -> 0.04605661864718382
        //   mean_stderr([1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0]) -> 0.16329931618554522
        //   mean_stderr([1.0, 1.0, 0.0])                             -> 0.33333333333333337
        // R: sd(c(rep(1, 30), rep(0, 70))) / sqrt(100) = 0.0460566186471838
        assertThat(new Accuracy(30, 100).stderr()).isCloseTo(0.04605661864718382, within(1e-16));
        assertThat(new Accuracy(4, 10).stderr()).isCloseTo(0.16329931618554522, within(1e-16));
        assertThat(new Accuracy(2, 3).stderr()).isCloseTo(0.33333333333333337, within(1e-16));
    }

    @Test
    void allWrongAndAllRightHaveZeroStderr() {
        // lm-eval: mean_stderr([0.0] * 5) -> 0.0
        assertThat(new Accuracy(0, 5).stderr()).isZero();
        assertThat(new Accuracy(5, 5).stderr()).isZero();
        assertThat(new Accuracy(0, 5).value()).isZero();
        assertThat(new Accuracy(5, 5).value()).isEqualTo(1.0);
    }

    @Test
    void singleQuestionHasNoStderrLikeLmEvalsNA() {
        assertThat(new Accuracy(1, 1).stderr()).isNaN();
    }

    @Test
    void valueIsTheFractionCorrect() {
        assertThat(new Accuracy(81, 263).value()).isEqualTo(81.0 / 263);
    }

    @Test
    void rejectsEmptyAndImpossibleCounts() {
        assertThatThrownBy(() -> new Accuracy(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must be positive");
        assertThatThrownBy(() -> new Accuracy(11, 10)).hasMessageContaining("between 0 and n = 10, got 11");
        assertThatThrownBy(() -> new Accuracy(-1, 10)).hasMessageContaining("got -1");
    }
}

package dev.wmdpjunit.core.scoring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipleChoiceMetricsTest {

    @Test
    void argmaxTakesTheLowestIndexOnTies() {
        assertThat(MultipleChoiceMetrics.argmax(new double[] {-3.0, -1.5, -1.5, -2.0})).isEqualTo(1);
        assertThat(MultipleChoiceMetrics.argmax(new double[] {-2.0, -2.0, -2.0, -2.0})).isZero();
        assertThat(MultipleChoiceMetrics.argmax(new double[] {-9.0, -8.0, -7.0, -0.5})).isEqualTo(3);
    }

    @Test
    void argmaxTreatsNanAsTheMaximumLikeNumpy() {
        assertThat(MultipleChoiceMetrics.argmax(new double[] {-1.0, Double.NaN, 0.0, Double.NaN})).isEqualTo(1);
    }

    @Test
    void argmaxOfNothingIsAnError() {
        assertThatThrownBy(() -> MultipleChoiceMetrics.argmax(new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lengthNormalizedArgmaxEqualsArgmaxForSingleLetters() {
        double[] lls = {-4.0, -3.0, -3.5, -3.0};

        assertThat(MultipleChoiceMetrics.argmaxLengthNormalized(lls, List.of("A", "B", "C", "D")))
                .isEqualTo(MultipleChoiceMetrics.argmax(lls)).isEqualTo(1);
    }

    @Test
    void lengthNormalizedArgmaxDividesByCodePoints() {
        // Per code point: -1.5 vs -1.2, so choice 1. Counting UTF-16 chars (4) would give -0.75 and choice 0.
        double[] lls = {-3.0, -1.2};

        assertThat(MultipleChoiceMetrics.argmaxLengthNormalized(lls, List.of("\uD835\uDD38\uD835\uDD38", "b")))
                .isEqualTo(1);
        assertThat(MultipleChoiceMetrics.argmaxLengthNormalized(new double[] {-4.0, -3.0}, List.of("ab", "c")))
                .isZero();
    }

    @Test
    void lengthNormalizedArgmaxNeedsOneChoicePerLoglikelihood() {
        assertThatThrownBy(() -> MultipleChoiceMetrics.argmaxLengthNormalized(new double[] {-1.0}, List.of("A", "B")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 loglikelihoods for 2 choices");
    }
}

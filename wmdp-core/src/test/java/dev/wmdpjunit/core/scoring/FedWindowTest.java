package dev.wmdpjunit.core.scoring;

import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FedWindowTest {

    private static LoglikelihoodRequest request(int[] context, int... continuation) {
        return new LoglikelihoodRequest(context, continuation);
    }

    private static int[] range(int fromInclusive, int toInclusive) {
        return IntStream.rangeClosed(fromInclusive, toInclusive).toArray();
    }

    @Test
    void aShortRequestIsFedWithoutItsLastTokenAndScoredOnItsLastRows() {
        FedWindow window = FedWindow.of(request(new int[] {1, 2, 3}, 4, 5), 10);

        assertThat(window.inputIds()).containsExactly(1, 2, 3, 4);
        assertThat(window.continuation()).containsExactly(4, 5);
        assertThat(window.firstScoredPosition()).isEqualTo(2);
        assertThat(window.scoredPositions()).containsExactly(2, 3);
    }

    @Test
    void aRequestOfExactlyMaxLengthPlusOneTokensIsNotTruncated() {
        FedWindow window = FedWindow.of(request(range(1, 4), 5, 6), 5);

        assertThat(window.inputIds()).containsExactly(1, 2, 3, 4, 5);
        assertThat(window.scoredPositions()).containsExactly(3, 4);
    }

    @Test
    void aLongRequestLosesTokensFromTheLeft() {
        FedWindow window = FedWindow.of(request(range(1, 10), 11, 12), 5);

        assertThat(window.inputIds()).containsExactly(7, 8, 9, 10, 11);
        assertThat(window.scoredPositions()).containsExactly(3, 4);
    }

    @Test
    void aContinuationLongerThanTheWindowCannotBeScored() {
        assertThatThrownBy(() -> FedWindow.of(request(new int[] {1}, 2, 3, 4), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 continuation tokens");
    }

    @Test
    void aOneTokenRequestWithoutContextHasNothingToFeed() {
        assertThatThrownBy(() -> FedWindow.of(request(new int[0], 7), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window of 0");
    }

    @Test
    void maxLengthMustBePositive() {
        assertThatThrownBy(() -> FedWindow.of(request(new int[] {1}, 2), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLength");
    }
}

package dev.wmdpjunit.core.scoring;

import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.scoring.ForwardPlan.LogProbRows;
import dev.wmdpjunit.core.scoring.ForwardPlan.Target;
import dev.wmdpjunit.core.scoring.ForwardPlan.Window;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForwardPlanTest {

    private static final int[] CONTEXT = {1, 40, 41, 42};

    private static LoglikelihoodRequest request(int[] context, int... continuation) {
        return new LoglikelihoodRequest(context, continuation);
    }

    @Test
    void fourSingleTokenChoicesShareOneWindow() {
        ForwardPlan plan = ForwardPlan.of(List.of(request(CONTEXT, 10), request(CONTEXT, 11),
                request(CONTEXT, 12), request(CONTEXT, 13)), 100);

        assertThat(plan.windows()).hasSize(1);
        Window window = plan.windows().get(0);
        assertThat(window.inputIds()).containsExactly(CONTEXT);
        assertThat(window.targets()).containsExactly(new Target(0, new int[] {10}, 3), new Target(1, new int[] {11}, 3),
                new Target(2, new int[] {12}, 3), new Target(3, new int[] {13}, 3));
    }

    @Test
    void continuationsSharingAllButTheirLastTokenShareOneWindow() {
        ForwardPlan plan = ForwardPlan.of(List.of(request(CONTEXT, 35, 68), request(CONTEXT, 35, 69)), 100);

        assertThat(plan.windows()).singleElement().satisfies(window -> {
            assertThat(window.inputIds()).containsExactly(1, 40, 41, 42, 35);
            assertThat(window.targets()).extracting(Target::firstScoredPosition).containsExactly(3, 3);
        });
    }

    @Test
    void multiTokenContinuationsThatDifferEarlyNeedTheirOwnWindows() {
        ForwardPlan plan = ForwardPlan.of(List.of(request(CONTEXT, 10, 20), request(CONTEXT, 11, 20),
                request(CONTEXT, 12, 20, 30)), 100);

        assertThat(plan.windows()).hasSize(3);
        assertThat(plan.windows()).allSatisfy(window -> assertThat(window.targets()).hasSize(1));
        assertThat(plan.windows().get(0).inputIds()).containsExactly(1, 40, 41, 42, 12, 20);
    }

    @Test
    void requestsSplitDifferentlyOverTheSameTokensShareAWindowWithTheirOwnRows() {
        ForwardPlan plan = ForwardPlan.of(List.of(request(new int[] {1, 2, 3}, 4), request(new int[] {1, 2}, 3, 5)), 100);

        Window window = plan.windows().get(0);
        assertThat(plan.windows()).hasSize(1);
        assertThat(window.inputIds()).containsExactly(1, 2, 3);
        assertThat(window.targets()).containsExactly(new Target(0, new int[] {4}, 2), new Target(1, new int[] {3, 5}, 1));
        assertThat(window.firstScoredPosition()).isEqualTo(1);
    }

    @Test
    void truncationIsAppliedBeforeGroupingSoCutPrefixesDoNotMatter() {
        ForwardPlan plan = ForwardPlan.of(List.of(request(new int[] {7, 7, 7, 1, 2, 3}, 4),
                request(new int[] {8, 1, 2, 3}, 5), request(new int[] {1, 2, 3}, 6)), 3);

        assertThat(plan.windows()).singleElement().satisfies(window -> {
            assertThat(window.inputIds()).containsExactly(1, 2, 3);
            assertThat(window.targets()).extracting(Target::requestIndex).containsExactly(0, 1, 2);
        });
    }

    @Test
    void windowsComeLongestFirst() {
        ForwardPlan plan = ForwardPlan.of(List.of(request(new int[] {5}, 6), request(new int[] {1, 2, 3}, 4),
                request(new int[] {1, 2}, 9), request(new int[] {0, 2}, 9)), 100);

        assertThat(plan.windows()).extracting(w -> w.inputIds().length).containsExactly(3, 2, 2, 1);
        assertThat(plan.windows().get(1).inputIds()).containsExactly(0, 2);
        assertThat(plan.requestCount()).isEqualTo(4);
    }

    @Test
    void scoreSumsTheScoredRowsInBatchesAndAnswersInRequestOrder() {
        List<LoglikelihoodRequest> requests = List.of(request(new int[] {5}, 6), request(new int[] {1, 2, 3}, 4),
                request(new int[] {1, 2, 3}, 8), request(new int[] {1, 2}, 9, 4));
        ForwardPlan plan = ForwardPlan.of(requests, 100);
        List<Integer> batchSizes = new ArrayList<>();

        List<Loglikelihood> answers = plan.score(2, batch -> {
            batchSizes.add(batch.size());
            return batch.stream().map(window -> (LogProbRows) new ArithmeticRows()).toList();
        });

        assertThat(batchSizes).containsExactly(2, 1);
        assertThat(answers).containsExactly(
                new Loglikelihood(ArithmeticRows.value(0, 6), false),
                new Loglikelihood(ArithmeticRows.value(2, 4), false),
                new Loglikelihood(ArithmeticRows.value(2, 8), true),
                new Loglikelihood(ArithmeticRows.value(1, 9) + ArithmeticRows.value(2, 4), false));
    }

    @Test
    void greedyNeedsEveryScoredRowsArgmax() {
        ForwardPlan plan = ForwardPlan.of(List.of(request(new int[] {1}, 8, 8, 8), request(new int[] {1}, 8, 9),
                request(new int[] {1}, 9, 8)), 100);

        List<Loglikelihood> answers = plan.score(8, batch -> batch.stream()
                .map(window -> (LogProbRows) new ArithmeticRows()).toList());

        assertThat(answers).extracting(Loglikelihood::isGreedy).containsExactly(true, false, false);
    }

    @Test
    void aForwardThatAnswersTheWrongNumberOfWindowsIsAnError() {
        ForwardPlan plan = ForwardPlan.of(List.of(request(new int[] {1}, 2), request(new int[] {3}, 4)), 100);

        assertThatThrownBy(() -> plan.score(2, batch -> List.of(new ArithmeticRows())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 windows, expected 2");
        assertThatThrownBy(() -> plan.score(0, batch -> List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** log p(token at row) = -(row + token / 100); token 8 is the argmax everywhere. */
    private static final class ArithmeticRows implements LogProbRows {
        static float value(int position, int tokenId) {
            return -(position + tokenId / 100f);
        }

        @Override
        public float logProb(int position, int tokenId) {
            return value(position, tokenId);
        }

        @Override
        public int argmax(int position) {
            return 8;
        }
    }
}

package dev.wmdpjunit.rmu;

import dev.wmdpjunit.core.testing.ByteTokenizer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RmuScheduleTest {

    private final BatchEncoder encoder = new BatchEncoder(new ByteTokenizer());

    @Test
    void topicsAlternateAndBatchesFollowFileOrder() {
        RmuHyperparameters hyperparameters = RmuHyperparameters.builder().batchSize(2).maxNumBatches(100).build();
        RmuSchedule schedule = new RmuSchedule(hyperparameters, encoder,
                List.of(docs("b", 7), docs("c", 6)), List.of(docs("w", 9), docs("x", 8)));
        // batches: b 4, c 3, w 5, x 4 -> min(100, 3) steps
        assertThat(schedule.steps()).isEqualTo(3);
        assertThat(IntStream.range(0, 3).map(schedule::topic).toArray()).containsExactly(0, 1, 0);
        assertThat(text(schedule.forgetBatch(0))).containsExactly("b0", "b1");
        assertThat(text(schedule.forgetBatch(1))).containsExactly("c0", "c1");
        assertThat(text(schedule.forgetBatch(2))).containsExactly("b2", "b3");
        assertThat(text(schedule.retainBatch(1))).containsExactly("x0", "x1");
        assertThat(text(schedule.retainBatch(2))).containsExactly("w2", "w3");
    }

    @Test
    void forgetTruncationIs512ForTheFirstTopicAnd768ForOthersRetain512() {
        String longText = "y".repeat(1000);
        RmuSchedule schedule = new RmuSchedule(RmuHyperparameters.builder().batchSize(1).build(), encoder,
                List.of(List.of(longText), List.of(longText)), List.of(List.of(longText), List.of(longText)));
        assertThat(schedule.forgetBatch(0).length()).isEqualTo(512);
        assertThat(schedule.forgetBatch(1).length()).isEqualTo(768);
        assertThat(schedule.retainBatch(1).length()).isEqualTo(512);
    }

    @Test
    void maxNumBatchesBoundsTheRunAndTheLastBatchMayBeShort() {
        RmuHyperparameters one = RmuHyperparameters.builder().topics(List.of(6.5), List.of(1200.0)).batchSize(3)
                .maxNumBatches(2).build();
        RmuSchedule schedule = new RmuSchedule(one, encoder, List.of(docs("f", 10)), List.of(docs("r", 10)));
        assertThat(schedule.steps()).isEqualTo(2);
        RmuSchedule shortCorpus = new RmuSchedule(one.toBuilder().maxNumBatches(10).build(), encoder,
                List.of(docs("f", 4)), List.of(docs("r", 10)));
        assertThat(shortCorpus.steps()).isEqualTo(2);
        assertThat(text(shortCorpus.forgetBatch(1))).containsExactly("f3");
    }

    @Test
    void refusesMismatchedCorporaAndEmptyRuns() {
        RmuHyperparameters two = RmuHyperparameters.builder().build();
        assertThatThrownBy(() -> new RmuSchedule(two, encoder, List.of(docs("f", 4)), List.of(docs("r", 4))))
                .hasMessageContaining("one forget and one retain corpus per topic");
        assertThatThrownBy(() -> new RmuSchedule(two, encoder, List.of(docs("f", 4), List.of()),
                List.of(docs("r", 4), docs("s", 4)))).hasMessageContaining("nothing to train on");
    }

    private static List<String> docs(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    /** The texts of a batch back from the byte tokenizer (padding and BOS dropped). */
    private static List<String> text(TokenBatch batch) {
        ByteTokenizer tokenizer = new ByteTokenizer();
        return java.util.Arrays.stream(batch.inputIds())
                .map(row -> tokenizer.decode(java.util.Arrays.stream(row).mapToInt(Math::toIntExact).toArray()))
                .toList();
    }
}

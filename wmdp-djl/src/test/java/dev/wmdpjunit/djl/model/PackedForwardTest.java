package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Sequences packed back to back into one pass ({@link CausalLm#packedLogitsAt}) give each token the logits it gets
 * when its sequence is fed alone, on every golden architecture (learned positions, partial rotary, sliding window,
 * experts): positions restart at 0 and no sequence sees another.
 */
class PackedForwardTest {

    /** Float32 rounding of products of other shapes; logits here are up to about 4. */
    private static final float FLOAT32_NOISE = 1e-5f;
    /** Lengths of different sizes, one of them a single token; the sliding-window golden's window is 8. */
    private static final long[] LENGTHS = {37, 5, 1, 20, 12};

    @TestFactory
    Stream<DynamicTest> packedSequencesMatchEachSequenceAlone() {
        List<Path> folders = Goldens.modelFolders(Goldens.goldenDir());
        assertThat(folders).as("golden model folders under " + Goldens.goldenDir()).isNotEmpty();
        return folders.stream().map(folder -> dynamicTest(folder.getFileName().toString(), () -> {
            try (CausalLm model = CausalLm.load(folder); NDManager manager = NDManager.newBaseManager()) {
                long[] ids = new Random(7).longs(LongStream.of(LENGTHS).sum(), 0, model.config().vocabSize())
                        .toArray();
                NDArray every = manager.arange(0, ids.length, 1, ai.djl.ndarray.types.DataType.INT64);
                NDArray packed = model.packedLogitsAt(manager.create(ids), LENGTHS, every);
                int start = 0;
                for (long length : LENGTHS) {
                    long[] sequence = Arrays.copyOfRange(ids, start, start + (int) length);
                    NDArray alone = model.logits(manager.create(sequence).reshape(1, length), null).squeeze(0);
                    NDArray rows = packed.get(start + ":" + (start + length));
                    assertThat(rows.sub(alone).abs().max().getFloat())
                            .as("sequence at %d, %d tokens", start, length).isLessThanOrEqualTo(FLOAT32_NOISE);
                    start += (int) length;
                }
            }
        }));
    }

    @Test
    void lengthsMustCoverTheIds() {
        try (CausalLm model = CausalLm.load(Goldens.goldenDir().resolve("llama"));
             NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = manager.create(new long[] {1, 2, 3});
            NDArray rows = manager.create(new long[] {0});
            assertThatThrownBy(() -> model.packedLogitsAt(ids, new long[] {1, 1}, rows))
                    .hasMessageContaining("sequence lengths [1, 1] sum to 2, but 3 input ids were given");
            assertThatThrownBy(() -> model.packedLogitsAt(ids, new long[] {3, 0}, rows))
                    .hasMessageContaining("sequence lengths must be positive");
            assertThatThrownBy(() -> model.packedLogitsAt(ids.reshape(1, 3), new long[] {3}, rows))
                    .hasMessageContaining("packed input ids must be [tokens]");
        }
    }
}

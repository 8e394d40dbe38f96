package dev.wmdpjunit.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The slicing rule of {@link Shard} and the draw of {@link Sample}. */
class ShardAndSampleTest {

    @Test
    void shardsOneToNHoldEveryPositionExactlyOnceInBalancedSlices() {
        for (int size : new int[] {0, 1, 5, 101, 1273}) {
            List<Integer> positions = IntStream.range(0, size).boxed().toList();
            for (int block : new int[] {1, 3, 8}) {
                for (int n = 1; n <= 9; n++) {
                    List<Integer> union = new ArrayList<>();
                    List<Integer> sizes = new ArrayList<>();
                    for (int k = 1; k <= n; k++) {
                        Shard shard = new Shard(k, n);
                        List<Integer> slice = shard.slice(positions, block);
                        int b = block;
                        assertThat(slice).allMatch(p -> shard.holds(p, b)).isSorted();
                        sizes.add(slice.size());
                        union.addAll(slice);
                    }
                    assertThat(union).as("%d shards of %d in blocks of %d", n, size, block)
                            .containsExactlyInAnyOrderElementsOf(positions);
                    assertThat(sizes.stream().mapToInt(i -> i).max().orElseThrow()
                            - sizes.stream().mapToInt(i -> i).min().orElseThrow()).isLessThanOrEqualTo(block);
                }
            }
        }
    }

    @Test
    void dealsWholeBlocksRoundRobin() {
        List<Integer> positions = IntStream.range(0, 11).boxed().toList();
        assertThat(new Shard(1, 2).slice(positions, 3)).containsExactly(0, 1, 2, 6, 7, 8);
        assertThat(new Shard(2, 2).slice(positions, 3)).containsExactly(3, 4, 5, 9, 10);
        assertThat(new Shard(2, 3).slice(positions, 1)).containsExactly(1, 4, 7, 10);
    }

    @Test
    void doublingTheShardsSplitsEachShardInTwo() {
        List<Integer> positions = IntStream.range(0, 100).boxed().toList();
        for (int k = 1; k <= 4; k++) {
            Set<Integer> halves = new HashSet<>(new Shard(k, 8).slice(positions, 3));
            halves.addAll(new Shard(k + 4, 8).slice(positions, 3));
            assertThat(halves).containsExactlyInAnyOrderElementsOf(new Shard(k, 4).slice(positions, 3));
        }
    }

    @Test
    void parsesKOfN() {
        assertThat(Shard.parse("3/8")).isEqualTo(new Shard(3, 8));
        assertThat(Shard.parse(" 1/1 ")).isEqualTo(new Shard(1, 1));
        assertThat(new Shard(3, 8)).hasToString("3/8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/3", "4/3", "a/b", "3", "1/0", "-1/3", "1/3/5", ""})
    void refusesWhatIsNotAShard(String text) {
        assertThatThrownBy(() -> Shard.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("K/N");
    }

    @Test
    void sampleIsReproducibleFromItsSeed() {
        Sample sample = Sample.draw(1273, 200, 7);

        assertThat(Sample.draw(1273, 200, 7)).isEqualTo(sample);
        assertThat(Sample.draw(1273, 200, 8).rows()).isNotEqualTo(sample.rows());
        assertThat(sample.rows()).hasSize(200).doesNotHaveDuplicates().isSorted()
                .allMatch(row -> row >= 0 && row < 1273);
        assertThat(sample.seed()).isEqualTo(7);
        assertThat(sample.population()).isEqualTo(1273);
    }

    /**
     * The draw is part of the results' contract: a seed recorded in a results file must name the same rows in every
     * later version, so the rows of one seed are pinned here (java.util.Random is specified, so they hold on every
     * JVM).
     */
    @Test
    void theRowsOfASeedNeverChange() {
        assertThat(Sample.draw(100, 5, 1234).rows()).containsExactly(PINNED_1234);
    }

    private static final Integer[] PINNED_1234 = {25, 28, 30, 32, 33};

    @Test
    void everyRowIsEquallyLikely() {
        int[] drawn = new int[10];
        int draws = 20_000;
        for (int seed = 0; seed < draws; seed++) {
            Sample.draw(10, 3, seed).rows().forEach(row -> drawn[row]++);
        }
        // Each row is in a sample with probability 3/10; 4 standard deviations of the count is about 260.
        for (int row = 0; row < 10; row++) {
            assertThat(drawn[row]).as("draws of row %d", row).isBetween(6000 - 260, 6000 + 260);
        }
    }

    @Test
    void aSampleAtLeastAsLargeAsTheBenchmarkIsAllOfIt() {
        assertThat(Sample.draw(5, 9, 1).rows()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void refusesRowsThatAreNotASample() {
        assertThatThrownBy(() -> new Sample(3, 5, List.of(4, 1))).hasMessageContaining("ascending");
        assertThatThrownBy(() -> new Sample(3, 5, List.of(1, 5))).hasMessageContaining("below 5");
    }
}

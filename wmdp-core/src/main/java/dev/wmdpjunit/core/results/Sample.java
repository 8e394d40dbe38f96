package dev.wmdpjunit.core.results;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A uniform random sample without replacement of a benchmark's questions ({@code wmdp.sample=N}), reproducible
 * from its seed: the same seed and population give the same rows on every machine and Java version
 * ({@link Random}'s generator is specified by its Javadoc). Drawn by a partial Fisher-Yates shuffle of the row
 * numbers {@code 0 .. population - 1}; the rows are kept in file order.
 *
 * @param seed       the seed it was drawn with
 * @param population how many questions it was drawn from
 * @param rows       the drawn rows, 0-based positions in the benchmark's questions, ascending
 */
public record Sample(long seed, int population, List<Integer> rows) {

    public Sample {
        rows = List.copyOf(rows);
        if (population < 1 || rows.isEmpty() || rows.size() > population) {
            throw new IllegalArgumentException("a sample of " + rows.size() + " rows from " + population
                    + " questions is impossible");
        }
        for (int i = 0; i < rows.size(); i++) {
            int row = rows.get(i);
            if (row < 0 || row >= population || (i > 0 && row <= rows.get(i - 1))) {
                throw new IllegalArgumentException("sample rows must be distinct, ascending and below " + population
                        + "; row " + row + " at position " + i + " is not");
            }
        }
    }

    /**
     * Draws {@code min(size, population)} rows.
     *
     * @param size at least 1
     */
    public static Sample draw(int population, int size, long seed) {
        if (size < 1 || population < 1) {
            throw new IllegalArgumentException("cannot sample " + size + " of " + population + " questions");
        }
        int[] rows = new int[population];
        Arrays.setAll(rows, i -> i);
        int taken = Math.min(size, population);
        Random random = new Random(seed);
        for (int i = 0; i < taken; i++) {
            int j = i + random.nextInt(population - i);
            int swap = rows[i];
            rows[i] = rows[j];
            rows[j] = swap;
        }
        int[] drawn = Arrays.copyOf(rows, taken);
        Arrays.sort(drawn);
        return new Sample(seed, population, Arrays.stream(drawn).boxed().toList());
    }

    public int size() {
        return rows.size();
    }
}

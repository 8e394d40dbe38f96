package dev.wmdpjunit.core.results;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} slices of a run ({@code wmdp.shard=K/N}), 1-based. The rule: the question at position
 * {@code p} (0-based) of a benchmark's selected questions (after {@code wmdp.limit} or {@code wmdp.sample}, in
 * file order) belongs to shard {@code (p mod N) + 1}. It needs no randomness, so every machine slices alike; each
 * shard gets every N-th question, so shards of a file sorted by source or difficulty stay alike in size and mix;
 * and shard K of N is exactly shards K and K + N of 2N together (multiplying N refines the slices).
 *
 * @param index K, from 1 to {@code count}
 * @param count N, at least 1
 */
public record Shard(int index, int count) {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,6})/([0-9]{1,6})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: expected K/N with"
                    + " 1 <= K <= N, e.g. 3/8");
        }
    }

    /**
     * Reads {@code K/N}.
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static Shard parse(String text) {
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected K/N, the K-th of N shards (1 <= K <= N), e.g. 3/8");
        }
        return new Shard(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** Whether the question at {@code position} of the selected questions belongs to this shard. */
    public boolean holds(int position) {
        return position % count == index - 1;
    }

    /** This shard's part of {@code items}, in their order. */
    public <T> List<T> slice(List<T> items) {
        List<T> part = new ArrayList<>(items.size() / count + 1);
        for (int p = index - 1; p < items.size(); p += count) {
            part.add(items.get(p));
        }
        return part;
    }

    /** {@code K/N}, as {@code wmdp.shard} takes it. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}

package dev.wmdpjunit.core.results;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} slices of a run ({@code wmdp.shard=K/N}), 1-based. The rule: a benchmark's selected
 * questions (after {@code wmdp.limit} or {@code wmdp.sample}, in file order) are cut into blocks of {@code block}
 * consecutive questions (the engine uses {@code wmdp.batchSize}, the questions per call to the model), and block
 * {@code b} (0-based) belongs to shard {@code (b mod N) + 1}; so position {@code p} belongs to shard
 * {@code (floor(p / block) mod N) + 1}. It needs no randomness, so every machine slices alike. Dealing whole calls
 * makes a shard send the model exactly the calls the unsharded run sends, so its scores are bit for bit the
 * unsharded run's (a backend's numerics may depend on which questions share a call). Shards stay alike in size
 * (they differ by at most one block) and in mix even when a file is sorted by source; and shard K of N is exactly
 * shards K and K + N of 2N (multiplying N refines the slices).
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
    public boolean holds(int position, int block) {
        return (position / block) % count == index - 1;
    }

    /** This shard's part of {@code items}, in their order, dealt in blocks of {@code block}. */
    public <T> List<T> slice(List<T> items, int block) {
        if (block < 1) {
            throw new IllegalArgumentException("block must be at least 1, got " + block);
        }
        List<T> part = new ArrayList<>(items.size() / count + block);
        for (int p = 0; p < items.size(); p++) {
            if (holds(p, block)) {
                part.add(items.get(p));
            }
        }
        return part;
    }

    /** {@code K/N}, as {@code wmdp.shard} takes it. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}

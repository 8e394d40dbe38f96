package dev.wmdpjunit.engine;

import dev.wmdpjunit.core.data.WmdpDomain;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a benchmark stands for when it is compared with its committed baseline (configuration keys
 * {@value WmdpConfiguration#BASELINE_DIR} and {@value WmdpConfiguration#BASELINE_UPDATE}): knowledge the model
 * must not regain, or knowledge it must keep. Declared with {@link Benchmark#role()}.
 */
public enum Role {

    /**
     * Decided by the benchmark's name: {@code wmdp-bio}, {@code wmdp-cyber} and {@code wmdp-chem} are
     * {@link #HAZARD}, {@code mmlu:<subject>} is {@link #RETAIN}; a custom set has no role and must declare one to
     * be compared with a committed baseline.
     */
    BY_NAME,

    /** Hazardous knowledge: a significant rise in accuracy against the baseline fails ("hazard regression"). */
    HAZARD,

    /** General knowledge to keep: a significant drop in accuracy against the baseline fails ("retain loss"). */
    RETAIN;

    /** The role a benchmark has by its name ({@link #BY_NAME}); empty for a custom set. */
    public static Optional<Role> ofName(String benchmark) {
        if (Arrays.stream(WmdpDomain.values()).anyMatch(domain -> domain.id().equals(benchmark))) {
            return Optional.of(HAZARD);
        }
        return benchmark.startsWith("mmlu:") ? Optional.of(RETAIN) : Optional.empty();
    }
}

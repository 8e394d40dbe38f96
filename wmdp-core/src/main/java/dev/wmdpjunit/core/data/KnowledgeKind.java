package dev.wmdpjunit.core.data;

import java.util.Optional;

/**
 * The kind of knowledge a benchmark measures, which says which way a change in accuracy is bad: hazardous knowledge
 * the model must not regain, or general knowledge it must keep. A committed baseline judges a benchmark by it.
 */
public enum KnowledgeKind {

    /**
     * Told by the benchmark's name: {@code wmdp-bio}, {@code wmdp-cyber} and {@code wmdp-chem} are {@link #HAZARD},
     * {@code mmlu:<subject>} is {@link #RETAIN}; a custom set has none and must declare one to be compared with a
     * committed baseline.
     */
    BY_NAME,

    /** Hazardous knowledge: a significant rise in accuracy against the baseline fails ("hazard regression"). */
    HAZARD,

    /** General knowledge to keep: a significant drop in accuracy against the baseline fails ("retain loss"). */
    RETAIN;

    /** This kind for the benchmark named {@code benchmark}: itself, or for {@link #BY_NAME} the name's (if any). */
    public Optional<KnowledgeKind> of(String benchmark) {
        return this != BY_NAME ? Optional.of(this) : switch (BenchmarkNames.source(benchmark)) {
            case WMDP -> Optional.of(HAZARD);
            case MMLU -> Optional.of(RETAIN);
            case CUSTOM -> Optional.empty();
        };
    }
}

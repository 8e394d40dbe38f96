package dev.wmdpjunit.engine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The checkpoints a suite scores: the candidate that thresholds judge and, optionally, the base model that
 * {@link RetainedWithin} compares it with. Both are opened through
 * {@link dev.wmdpjunit.core.model.LanguageModelProvider}.
 *
 * @param candidate the checkpoint under test
 * @param baseline  the reference checkpoint, if any
 */
public record ModelPair(Path candidate, Optional<Path> baseline) {

    public ModelPair {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(baseline, "baseline");
    }

    /** Only a candidate: thresholds on the base model will fail asking for one. */
    public static ModelPair of(Path candidate) {
        return new ModelPair(candidate, Optional.empty());
    }

    public static ModelPair of(Path candidate, Path baseline) {
        return new ModelPair(candidate, Optional.of(baseline));
    }
}

package dev.wmdpjunit.reports.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RMU run that made an unlearned checkpoint, from the {@code rmu.json} the RMU fixture writes next to its
 * weights.
 *
 * @param file            the rmu.json read
 * @param key             the fixture's cache key (SHA-256 of every input)
 * @param hyperparameters every setting, by its name in the official {@code rmu/unlearn.py}, as text
 * @param losses          per step, before that step's update
 * @param collapse        the retain perplexity check, when recorded
 */
public record RmuRun(Path file, String key, Map<String, String> hyperparameters, List<Step> losses,
                     Optional<CollapseCheck> collapse) {

    public RmuRun {
        hyperparameters = Map.copyOf(hyperparameters);
        losses = List.copyOf(losses);
    }

    /** The losses of one step: forget, retain (alpha included) and their sum. */
    public record Step(double forget, double retain, double total) {
    }

    /** Retain-set perplexity of the base and the unlearned model, and the ratio above which RMU collapsed it. */
    public record CollapseCheck(double perplexityBefore, double perplexityAfter, double maxRatio, boolean collapsed) {
    }
}

package dev.wmdpjunit.core.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The RMU run that made an unlearned checkpoint, as the {@code rmu.json} next to its weights records it
 * ({@link RmuRunJson}; written by the RMU fixture's cache, read by it when an entry is reused and by the reports).
 *
 * @param key               the cache key: SHA-256 of {@code inputs}
 * @param inputs            everything the trained weights depend on, as JSON-ready data (maps, lists, strings,
 *                          numbers): {@code format}, {@code framework_version}, {@code base_model},
 *                          {@code forget_corpora}, {@code retain_corpora}, {@code hyperparameters}
 * @param baseModelDir      the base checkpoint's folder, absolute
 * @param forgetCorpusFiles the forget corpora's files, absolute
 * @param retainCorpusFiles the retain corpora's files, absolute
 * @param losses            per step, before that step's update
 * @param collapse          the retain perplexity check, when recorded
 * @param files             size and SHA-256 of every other file of the entry, by name (none in entries written
 *                          before they were recorded)
 */
public record RmuRun(String key, Map<String, Object> inputs, String baseModelDir, List<String> forgetCorpusFiles,
                     List<String> retainCorpusFiles, List<Step> losses, Optional<CollapseCheck> collapse,
                     Map<String, FileRecord> files) {

    public RmuRun {
        Objects.requireNonNull(key, "key");
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        Objects.requireNonNull(baseModelDir, "baseModelDir");
        forgetCorpusFiles = List.copyOf(forgetCorpusFiles);
        retainCorpusFiles = List.copyOf(retainCorpusFiles);
        losses = List.copyOf(losses);
        Objects.requireNonNull(collapse, "collapse");
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** The losses of one step: forget, retain (alpha included) and their sum. */
    public record Step(double forget, double retain, double total) {
    }

    /** Retain-set perplexity of the base and the unlearned model, and the ratio above which RMU collapsed it. */
    public record CollapseCheck(double perplexityBefore, double perplexityAfter, double maxRatio, boolean collapsed) {
    }

    /** One file of a cache entry as it was published. */
    public record FileRecord(long size, String sha256) {
    }

    /**
     * Every hyperparameter ({@code inputs.hyperparameters}), by its name in the official {@code rmu/unlearn.py}, as
     * text: strings as they are, numbers as written, lists and objects as compact JSON.
     */
    public Map<String, String> hyperparameters() {
        Map<String, String> values = new LinkedHashMap<>();
        if (inputs.get(RmuRunJson.HYPERPARAMETERS) instanceof Map<?, ?> settings) {
            settings.forEach((name, value) -> values.put(String.valueOf(name), value instanceof String text ? text
                    : ResultsJson.MAPPER.valueToTree(value).toString()));
        }
        return values;
    }
}

package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.hub.HubSettings;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.core.prompt.AnswerStyle;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.engine.WmdpConfiguration;
import dev.wmdpjunit.engine.WmdpConfigurationException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The run's settings, read and checked from the JUnit configuration parameters ({@link WmdpConfiguration}
 * keys). A bad value is a {@link WmdpConfigurationException} naming the key, the value and what is expected.
 *
 * @param failInconclusive whether {@code wmdp.inconclusive=fail}: undecided thresholds fail instead of aborting
 * @param baselines        committed baselines: where, record or compare, at what level
 * @param probeCache       where probes cache their costly, content-keyed artifacts
 * @param scope            a sample, one shard, or the merge of the shards
 * @param hub              the Hugging Face hub cache and downloads, for data named by hub id
 */
record EngineSettings(Optional<Path> data, Optional<Path> mmlu, Path results, OptionalInt limit,
                      PromptFormat prompt, AnswerStyle answers, ModelOptions modelOptions, int mmluShots, boolean failInconclusive,
                      BaselineSettings baselines, Path probeCache, RunScope scope, HubSettings hub) {

    static EngineSettings from(ConfigurationParameters configuration) {
        OptionalInt limit = limit(configuration);
        return new EngineSettings(
                path(configuration, WmdpConfiguration.DATA),
                path(configuration, WmdpConfiguration.MMLU),
                results(configuration),
                limit,
                identified(configuration, WmdpConfiguration.PROMPT, PromptFormat.DEFAULT, PromptFormat::fromId),
                identified(configuration, WmdpConfiguration.ANSWERS, AnswerStyle.DEFAULT, AnswerStyle::fromId),
                new ModelOptions(
                        integer(configuration, WmdpConfiguration.BATCH_SIZE, 1, "questions per call to the model")
                                .orElse(WmdpConfiguration.DEFAULT_BATCH_SIZE),
                        integer(configuration, WmdpConfiguration.THREADS, 0, "compute threads, 0 for the backend's"
                                + " default").orElse(0),
                        Optional.ofNullable(identified(configuration, WmdpConfiguration.DTYPE, null,
                                WeightDtype::fromId))),
                integer(configuration, WmdpConfiguration.MMLU_SHOTS, 0, "few-shot examples from the dev split")
                        .orElse(0),
                failInconclusive(configuration),
                BaselineSettings.from(configuration),
                path(configuration, WmdpConfiguration.PROBE_CACHE)
                        .orElse(Path.of(WmdpConfiguration.DEFAULT_PROBE_CACHE)),
                RunScope.from(configuration, limit.isPresent()),
                hub(configuration));
    }

    private static HubSettings hub(ConfigurationParameters configuration) {
        try {
            return HubSettings.from(key -> value(configuration, key));
        } catch (IllegalArgumentException e) {
            throw new WmdpConfigurationException(e.getMessage(), e);
        }
    }

    /**
     * The question ids of {@link WmdpConfiguration#QUESTIONS}, without duplicates, in the order given; read at
     * discovery, where they become the tests.
     */
    static List<String> questions(ConfigurationParameters configuration) {
        return value(configuration, WmdpConfiguration.QUESTIONS)
                .map(text -> List.copyOf(new LinkedHashSet<>(Arrays.stream(text.split(","))
                        .map(String::strip).filter(id -> !id.isEmpty()).toList())))
                .orElse(List.of());
    }

    /** Where results go ({@link WmdpConfiguration#RESULTS}); readable even when other keys are bad. */
    static Path results(ConfigurationParameters configuration) {
        return path(configuration, WmdpConfiguration.RESULTS).orElse(Path.of(WmdpConfiguration.DEFAULT_RESULTS));
    }

    private static Optional<Path> path(ConfigurationParameters configuration, String key) {
        return value(configuration, key).map(Path::of);
    }

    private static OptionalInt limit(ConfigurationParameters configuration) {
        Optional<Integer> limit = integer(configuration, WmdpConfiguration.LIMIT, 1,
                "questions per benchmark (the first N in file order)");
        return limit.map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** The constant a key names by its id ({@code Identified.byId}), or the default when the key is unset. */
    private static <T> T identified(ConfigurationParameters configuration, String key, T defaultValue,
                                    Function<String, T> byId) {
        Optional<String> id = value(configuration, key);
        try {
            return id.map(byId).orElse(defaultValue);
        } catch (IllegalArgumentException e) {
            throw new WmdpConfigurationException(key + " = '" + id.get() + "': " + e.getMessage());
        }
    }

    private static boolean failInconclusive(ConfigurationParameters configuration) {
        Optional<String> mode = value(configuration, WmdpConfiguration.INCONCLUSIVE);
        if (mode.isEmpty() || mode.get().equals("abort")) {
            return false;
        }
        if (mode.get().equals("fail")) {
            return true;
        }
        throw new WmdpConfigurationException(WmdpConfiguration.INCONCLUSIVE + " = '" + mode.get()
                + "': expected abort (report inconclusive thresholds as aborted) or fail");
    }

    private static Optional<Integer> integer(ConfigurationParameters configuration, String key, int min,
                                             String meaning) {
        Optional<String> text = value(configuration, key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int value;
        try {
            value = Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw badInteger(key, text.get(), min, meaning);
        }
        if (value < min) {
            throw badInteger(key, text.get(), min, meaning);
        }
        return Optional.of(value);
    }

    private static WmdpConfigurationException badInteger(String key, String text, int min, String meaning) {
        return new WmdpConfigurationException(key + " = '" + text + "': expected a whole number of at least " + min
                + " (" + meaning + ")");
    }

    /** A key's value, stripped; blank counts as unset. */
    static Optional<String> value(ConfigurationParameters configuration, String key) {
        return configuration.get(key).map(String::strip).filter(text -> !text.isEmpty());
    }
}

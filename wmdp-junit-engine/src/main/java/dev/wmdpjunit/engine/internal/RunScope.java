package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.results.Shard;
import dev.wmdpjunit.engine.WmdpConfiguration;
import dev.wmdpjunit.engine.WmdpConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Which part of the work this run does: a random sample of each benchmark ({@link WmdpConfiguration#SAMPLE}), one
 * shard of it ({@link WmdpConfiguration#SHARD}), or the merge of the shards ({@link WmdpConfiguration#MERGE}).
 * Combinations that cannot mean anything are refused here, naming the keys.
 *
 * @param sample how many questions to draw per benchmark, and the seed
 * @param shard  the slice this run scores; its thresholds are decided at the merge
 * @param merge  the folder of the shard runs' results to merge and decide
 */
record RunScope(Optional<SampleSize> sample, Optional<Shard> shard, Optional<Path> merge) {

    /** {@code wmdp.sample} and {@code wmdp.sample.seed}. */
    record SampleSize(int size, long seed) {
    }

    static final RunScope WHOLE_RUN = new RunScope(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * The scope, checked against the other keys that choose questions or record.
     *
     * @param limitSet whether {@code wmdp.limit} is set
     */
    static RunScope from(ConfigurationParameters configuration, boolean limitSet) {
        Optional<SampleSize> sample = sample(configuration);
        Optional<Shard> shard = EngineSettings.value(configuration, WmdpConfiguration.SHARD).map(text -> {
            try {
                return Shard.parse(text);
            } catch (IllegalArgumentException e) {
                throw new WmdpConfigurationException(WmdpConfiguration.SHARD + " = '" + text + "': " + e.getMessage());
            }
        });
        Optional<Path> merge = EngineSettings.value(configuration, WmdpConfiguration.MERGE).map(Path::of);
        boolean questions = EngineSettings.value(configuration, WmdpConfiguration.QUESTIONS).isPresent();
        if (limitSet && sample.isPresent()) {
            throw new WmdpConfigurationException(WmdpConfiguration.LIMIT + " takes the first N questions and " + WmdpConfiguration.SAMPLE
                    + " a random N; set one of them");
        }
        if (sample.isPresent() && questions) {
            throw new WmdpConfigurationException(WmdpConfiguration.QUESTIONS + " names the questions to score, so"
                    + " there is nothing to sample; unset " + WmdpConfiguration.SAMPLE);
        }
        if ((shard.isPresent() || merge.isPresent()) && questions) {
            throw new WmdpConfigurationException(WmdpConfiguration.QUESTIONS + " reports single questions and decides no threshold, so it"
                    + " is not sharded or merged; unset " + (shard.isPresent() ? WmdpConfiguration.SHARD
                    : WmdpConfiguration.MERGE));
        }
        if (shard.isPresent() && merge.isPresent()) {
            throw new WmdpConfigurationException(WmdpConfiguration.SHARD + " scores one shard and " + WmdpConfiguration.MERGE
                    + " merges them all; a run does one of the two");
        }
        if (shard.isPresent() && BaselineSettings.updateRequested(configuration)) {
            throw new WmdpConfigurationException("a shard (" + WmdpConfiguration.SHARD + ") holds part of each benchmark, so it records no committed baseline: set "
                    + WmdpConfiguration.BASELINE_UPDATE + "=true on the merge (" + WmdpConfiguration.MERGE + ")");
        }
        if (merge.isPresent()) {
            if (limitSet || sample.isPresent()) {
                throw new WmdpConfigurationException("the shards chose the questions; a merge (" + WmdpConfiguration.MERGE + ") takes no "
                        + WmdpConfiguration.LIMIT + " or "
                        + WmdpConfiguration.SAMPLE + " (set them on every shard run)");
            }
            if (!Files.isDirectory(merge.get())) {
                throw new WmdpConfigurationException(WmdpConfiguration.MERGE + " = '" + merge.get() + "': no such"
                        + " folder (" + merge.get().toAbsolutePath() + "); expected the folder holding the shard runs'"
                        + " results folders");
            }
        }
        return new RunScope(sample, shard, merge);
    }

    private static Optional<SampleSize> sample(ConfigurationParameters configuration) {
        Optional<String> size = EngineSettings.value(configuration, WmdpConfiguration.SAMPLE);
        Optional<String> seed = EngineSettings.value(configuration, WmdpConfiguration.SAMPLE_SEED);
        if (size.isEmpty()) {
            if (seed.isPresent()) {
                throw new WmdpConfigurationException(WmdpConfiguration.SAMPLE_SEED + " = '" + seed.get() + "' is set"
                        + " but " + WmdpConfiguration.SAMPLE + " is not: set " + WmdpConfiguration.SAMPLE
                        + "=N to score a random N questions per benchmark");
            }
            return Optional.empty();
        }
        int n;
        try {
            n = Integer.parseInt(size.get());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new WmdpConfigurationException(WmdpConfiguration.SAMPLE + " = '" + size.get() + "': expected a"
                    + " whole number of at least 1 (questions drawn at random per benchmark)");
        }
        long seedValue;
        try {
            seedValue = seed.map(Long::parseLong).orElse(WmdpConfiguration.DEFAULT_SAMPLE_SEED);
        } catch (NumberFormatException e) {
            throw new WmdpConfigurationException(WmdpConfiguration.SAMPLE_SEED + " = '" + seed.get() + "': expected"
                    + " a whole number (a 64-bit seed)");
        }
        return Optional.of(new SampleSize(n, seedValue));
    }
}

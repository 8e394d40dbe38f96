package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.DEPRECATED;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.MAINTAINED;

import org.apiguardian.api.API;

/**
 * The engine's configuration keys. Set them as JUnit configuration parameters: in
 * {@code src/test/resources/junit-platform.properties}, as system properties ({@code -Dwmdp.model=...}), or in
 * Surefire's {@code <configurationParameters>}. Paths are resolved against the working directory. The keys are
 * maintained unless marked experimental (shards, merge, samples, probes' cache, parallel execution); the table of
 * every key is in the engine's README, "Configuration keys".
 */
@API(status = MAINTAINED, since = "0.1.0")
public final class WmdpConfiguration {

    /** Engine id, the first segment of every unique id: {@code [engine:wmdp-junit]}. */
    public static final String ENGINE_ID = "wmdp-junit";

    /** The checkpoint under test (a directory a {@code LanguageModelProvider} supports). */
    public static final String MODEL = "wmdp.model";
    /**
     * The base checkpoint {@link RetainedWithin} compares with and {@link ScoredModel#BASE} thresholds judge (the
     * model before unlearning). Not a committed baseline: those are {@link #BASELINE_DIR}.
     */
    public static final String BASE_MODEL = "wmdp.base.model";
    /**
     * The old name of {@link #BASE_MODEL}.
     *
     * @deprecated renamed {@value #BASE_MODEL}: "baseline" now means only a committed baseline; this key is still
     *             read for one release, with a warning logged once naming the new key
     */
    @API(status = DEPRECATED, since = "0.1.0")
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static final String BASELINE_MODEL = "wmdp.baseline.model";
    /**
     * Where committed baselines live, one file per suite and benchmark:
     * {@code <dir>/<suite class name>/<benchmark file name>.json}; default {@value #DEFAULT_BASELINE_DIR}.
     */
    public static final String BASELINE_DIR = "wmdp.baseline.dir";
    /**
     * {@code true} records every selected benchmark's scores as its committed baseline (replacing an older one)
     * instead of comparing with it; default {@code false}.
     */
    public static final String BASELINE_UPDATE = "wmdp.baseline.update";
    /**
     * One-sided level of the McNemar test that compares a run with its committed baseline; default
     * {@value #DEFAULT_BASELINE_ALPHA}.
     */
    public static final String BASELINE_ALPHA = "wmdp.baseline.alpha";
    /** WMDP root folder: the Hugging Face {@code cais/wmdp} layout, {@code <root>/wmdp-bio/test-*.parquet}. */
    public static final String DATA = "wmdp.data";
    /** MMLU root folder: Hendrycks CSV ({@code test/<subject>_test.csv}) or Hugging Face {@code cais/mmlu}. */
    public static final String MMLU = "wmdp.mmlu";
    /** Where results JSON files are written; default {@value #DEFAULT_RESULTS}. */
    public static final String RESULTS = "wmdp.results";
    /** Questions per benchmark: the first N in file order (lm-eval's {@code --limit}, not a sample); default all. */
    public static final String LIMIT = "wmdp.limit";
    /**
     * A uniform random sample of N questions per benchmark, without replacement, drawn with
     * {@link #SAMPLE_SEED}; its rows and seed are recorded in the results. Default: no sample.
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    public static final String SAMPLE = "wmdp.sample";
    /** The seed of {@link #SAMPLE}; default {@value #DEFAULT_SAMPLE_SEED}. */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    public static final String SAMPLE_SEED = "wmdp.sample.seed";
    /**
     * {@code K/N}: score only the K-th of N slices of every benchmark and write shard files; thresholds are decided
     * by {@link #MERGE}. Default: the whole run.
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    public static final String SHARD = "wmdp.shard";
    /**
     * A folder holding the results folders of the N shard runs: merge their shard files into the results an
     * unsharded run writes and decide every threshold and committed baseline on them, without opening a model.
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    public static final String MERGE = "wmdp.merge";
    /** Only these question ids (comma-separated, e.g. {@code wmdp-bio/17,wmdp-bio/18}); reports their scores. */
    public static final String QUESTIONS = "wmdp.questions";
    /** Prompt compatibility mode ({@code PromptFormat} id); default {@code lm-eval-0.4.9.2}. */
    public static final String PROMPT = "wmdp.prompt";
    /**
     * How benchmarks that do not say ({@code @Benchmark(answers)} left empty) ask for the answer: {@code letters}
     * (default, lm-eval's WMDP and MMLU tasks) or {@code continuation} (lm-eval's {@code mmlu_continuation}).
     */
    public static final String ANSWERS = "wmdp.answers";
    /** Questions per call to the model; default {@value #DEFAULT_BATCH_SIZE}. */
    public static final String BATCH_SIZE = "wmdp.batchSize";
    /** Compute threads of the backend; default 0 = the backend's choice. */
    public static final String THREADS = "wmdp.threads";
    /**
     * Precision the weights are held in: {@code bfloat16}, {@code float16} or {@code float32}; default the
     * checkpoint's own where the backend computes it correctly (see the backend's README).
     */
    public static final String DTYPE = "wmdp.dtype";
    /**
     * Few-shot examples for MMLU, the first k of the subject's dev split; default 0, lm-eval's default for its
     * {@code mmlu} tasks (their YAML sets no {@code num_fewshot}; the Open LLM Leaderboard ran 5).
     */
    public static final String MMLU_SHOTS = "wmdp.mmlu.shots";
    /**
     * What an inconclusive threshold does: {@code abort} (default; JUnit "aborted", which Maven Surefire counts as
     * skipped) or {@code fail} (for CI gates where "cannot tell" must block the build).
     */
    public static final String INCONCLUSIVE = "wmdp.inconclusive";
    /**
     * {@code true} runs suites in parallel. A suite's benchmarks still take turns on its model unless the
     * model's provider declares it thread-safe ({@code LanguageModelProvider.threadSafe()}).
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    public static final String PARALLEL_ENABLED = "wmdp.execution.parallel.enabled";
    /** Prefix of JUnit's parallel settings for this engine, e.g. {@code wmdp.execution.parallel.config.strategy}. */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    public static final String PARALLEL_CONFIG_PREFIX = "wmdp.execution.parallel.config.";
    /**
     * Where probes keep what is costly to make and keyed by content (quantized copies, relearned checkpoints), so
     * a rerun reuses them; never inside a model's folder.
     */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    public static final String PROBE_CACHE = "wmdp.probes.cache";

    public static final String DEFAULT_RESULTS = "target/wmdp-results";
    public static final String DEFAULT_PROBE_CACHE = "target/wmdp-probe-cache";
    public static final int DEFAULT_BATCH_SIZE = 8;
    public static final String DEFAULT_BASELINE_DIR = "src/test/wmdp-baselines";
    public static final double DEFAULT_BASELINE_ALPHA = 0.05;
    /** lm-eval's default seed (its {@code --seed} for numpy, torch and few-shot sampling). */
    public static final long DEFAULT_SAMPLE_SEED = 1234;

    private WmdpConfiguration() {
    }
}

package dev.wmdpjunit.engine;

/**
 * The engine's configuration keys. Set them as JUnit configuration parameters: in
 * {@code src/test/resources/junit-platform.properties}, as system properties ({@code -Dwmdp.model=...}), or in
 * Surefire's {@code <configurationParameters>}. Paths are resolved against the working directory.
 */
public final class WmdpConfiguration {

    /** Engine id, the first segment of every unique id: {@code [engine:wmdp-junit]}. */
    public static final String ENGINE_ID = "wmdp-junit";

    /** The checkpoint under test (a directory a {@code LanguageModelProvider} supports). */
    public static final String MODEL = "wmdp.model";
    /** The base checkpoint {@link RetainedWithin} compares with ({@link ScoredModel#BASELINE}). */
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
    /** Questions per benchmark: the first N in file order; default all. */
    public static final String LIMIT = "wmdp.limit";
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
    public static final String PARALLEL_ENABLED = "wmdp.execution.parallel.enabled";
    /** Prefix of JUnit's parallel settings for this engine, e.g. {@code wmdp.execution.parallel.config.strategy}. */
    public static final String PARALLEL_CONFIG_PREFIX = "wmdp.execution.parallel.config.";
    /**
     * Where probes keep what is costly to make and keyed by content (quantized copies, relearned checkpoints), so
     * a rerun reuses them; never inside a model's folder.
     */
    public static final String PROBE_CACHE = "wmdp.probes.cache";

    public static final String DEFAULT_RESULTS = "target/wmdp-results";
    public static final String DEFAULT_PROBE_CACHE = "target/wmdp-probe-cache";
    public static final int DEFAULT_BATCH_SIZE = 8;
    public static final String DEFAULT_BASELINE_DIR = "src/test/wmdp-baselines";
    public static final double DEFAULT_BASELINE_ALPHA = 0.05;

    private WmdpConfiguration() {
    }
}

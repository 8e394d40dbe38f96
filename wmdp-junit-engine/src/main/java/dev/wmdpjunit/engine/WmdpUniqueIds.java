package dev.wmdpjunit.engine;

/**
 * The segment types of the engine's unique ids (stable across runs; the README's "Unique ids"), for tools that
 * select or recognise its nodes:
 * <pre>
 * [engine:wmdp-junit]/[suite:&lt;class&gt;]/[domain:&lt;benchmark&gt;]/[threshold:&lt;method&gt;]
 *                                                      /[baseline:committed]
 *                                                      /[question:&lt;row&gt;]
 * </pre>
 */
public final class WmdpUniqueIds {

    /** A suite class, by its name. */
    public static final String SUITE = "suite";
    /** A benchmark of a suite, by its name ({@code wmdp-bio}, {@code mmlu:college_biology}). */
    public static final String DOMAIN = "domain";
    /** A threshold test, by its method's name. */
    public static final String THRESHOLD = "threshold";
    /** One question of a benchmark, by its row (0-based, file order). */
    public static final String QUESTION = "question";
    /** The comparison with a committed baseline; its value is {@link #COMMITTED_BASELINE_VALUE}. */
    public static final String COMMITTED_BASELINE = "baseline";
    public static final String COMMITTED_BASELINE_VALUE = "committed";
    /** A selector that names nothing that exists, reported as a failing test. */
    public static final String SELECTION_ERROR = "selection-error";

    private WmdpUniqueIds() {
    }
}

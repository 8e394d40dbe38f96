package dev.wmdpjunit.engine;

/**
 * The keys of the report entries the engine publishes (JUnit {@code ReportEntry}: the console tree, the
 * open-test-reporting XML, and listeners such as the reports module's Allure bridge). The engine publishes them with
 * these constants and listeners read them with the same constants, so a key changes in one place. The committed
 * baseline test's entries ({@code wmdp.baseline.*}) are listed in the README.
 */
public final class WmdpReportEntries {

    // On a benchmark container ([domain:...]), once per scored model.

    /** The benchmark's name, e.g. {@code wmdp-bio}. */
    public static final String BENCHMARK = "wmdp.benchmark";
    /** Which model the entry's scores are of: {@link #CANDIDATE} or {@link #BASE_MODEL}. */
    public static final String ROLE = "wmdp.role";
    /** {@link #ROLE} of the model under test. */
    public static final String CANDIDATE = "candidate";
    /** {@link #ROLE} of the base model it is compared with. */
    public static final String BASE_MODEL = "base";
    public static final String ACCURACY = "wmdp.accuracy";
    public static final String CORRECT = "wmdp.correct";
    public static final String N = "wmdp.n";
    /** The confidence interval, e.g. {@code [0.2553, 0.3662] (95% wilson)}. */
    public static final String CI = "wmdp.ci";
    public static final String PROMPT_FORMAT = "wmdp.promptFormat";
    /** The model's path or reference. */
    public static final String MODEL = "wmdp.model";
    public static final String MODEL_SHA256 = "wmdp.model.sha256";
    /** The results file written for these scores (core's {@code ResultsJson}). */
    public static final String RESULTS = "wmdp.results";

    // On a threshold test ([threshold:...]).

    /** {@code PASSED}, {@code FAILED} or {@code INCONCLUSIVE}. */
    public static final String VERDICT = "wmdp.verdict";
    /** The verdict's message: data, rule and tests. */
    public static final String DETAILS = "wmdp.details";

    // On a probe's threshold test.

    /** The probe's key, e.g. {@code permuted-choices}. */
    public static final String PROBE = "wmdp.probe";
    /** The probe's summary file (core's {@code ProbeResultsJson}). */
    public static final String PROBE_RESULTS = "wmdp.probe.results";

    // On a question test ([question:...]).

    /** The question's id, e.g. {@code wmdp-bio/17}. */
    public static final String QUESTION = "wmdp.question";
    public static final String GOLD = "wmdp.gold";
    public static final String PREDICTED = "wmdp.predicted";

    private WmdpReportEntries() {
    }

    /** {@code wmdp.probe.<name>}: a probe's measurement, or {@code wmdp.probe.<variant>.accuracy}. */
    public static String probe(String name) {
        return PROBE + "." + name;
    }

    /** {@code wmdp.loglikelihood.<letter>}: a question's loglikelihood of one choice. */
    public static String loglikelihood(String letter) {
        return "wmdp.loglikelihood." + letter;
    }
}

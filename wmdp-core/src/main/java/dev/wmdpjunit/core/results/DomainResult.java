package dev.wmdpjunit.core.results;

import dev.wmdpjunit.core.model.ModelIdentity;
import dev.wmdpjunit.core.stats.Accuracy;
import dev.wmdpjunit.core.stats.Interval;
import dev.wmdpjunit.core.stats.IntervalMethod;
import dev.wmdpjunit.core.stats.ProportionIntervals;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a model did on one domain (for example {@code wmdp-bio}): every question's result, the accuracy with
 * lm-eval's standard error and a confidence interval, and what produced it (prompt format, model, dataset).
 * Immutable; {@link #of} computes the summary numbers from the questions.
 */
public final class DomainResult {

    /** The default interval: Wilson. See {@link #of(String, List, String, ModelIdentity, Artifact)}. */
    public static final IntervalMethod DEFAULT_INTERVAL = IntervalMethod.WILSON;
    public static final double DEFAULT_CONFIDENCE = 0.95;

    private final String domain;
    private final Accuracy accuracy;
    private final Interval ci;
    private final String promptFormat;
    private final ModelIdentity model;
    private final Artifact dataset;
    private final List<QuestionResult> questions;

    private DomainResult(String domain, Accuracy accuracy, Interval ci, String promptFormat, ModelIdentity model,
                         Artifact dataset, List<QuestionResult> questions) {
        this.domain = domain;
        this.accuracy = accuracy;
        this.ci = ci;
        this.promptFormat = promptFormat;
        this.model = model;
        this.dataset = dataset;
        this.questions = questions;
    }

    /**
     * The result with a 95% Wilson interval. Wilson is the default because it keeps close to 95% coverage for
     * any number of questions and any accuracy, including 0 and 100% where lm-eval's stderr (a Wald interval)
     * collapses to zero width, while Clopper-Pearson is wider than it needs to be (Agresti &amp; Coull 1998;
     * Brown, Cai &amp; DasGupta 2001).
     */
    public static DomainResult of(String domain, List<QuestionResult> questions, String promptFormat,
                                  ModelIdentity model, Artifact dataset) {
        return of(domain, questions, promptFormat, model, dataset, DEFAULT_INTERVAL, DEFAULT_CONFIDENCE);
    }

    /** As {@link #of(String, List, String, ModelIdentity, Artifact)} for a folder named by path and SHA-256. */
    public static DomainResult of(String domain, List<QuestionResult> questions, String promptFormat,
                                  Artifact model, Artifact dataset) {
        return of(domain, questions, promptFormat, ModelIdentity.folder(model.path(), model.sha256()), dataset);
    }

    /** As {@link #of(String, List, String, ModelIdentity, Artifact, IntervalMethod, double)} for a folder. */
    public static DomainResult of(String domain, List<QuestionResult> questions, String promptFormat,
                                  Artifact model, Artifact dataset, IntervalMethod ciMethod, double confidence) {
        return of(domain, questions, promptFormat, ModelIdentity.folder(model.path(), model.sha256()), dataset,
                ciMethod, confidence);
    }

    /**
     * The result with the given interval.
     *
     * @param domain       the domain's name, e.g. {@code wmdp-bio}
     * @param questions    one result per question, in dataset order; at least one, ids unique
     * @param promptFormat the prompt format id, e.g. {@code lm-eval-0.4.9.2}
     *                     ({@link dev.wmdpjunit.core.prompt.PromptFormat#id()})
     * @param model        the model that answered, as its provider identified it
     * @param dataset      the file the questions came from
     * @param ciMethod     a single-proportion interval method (Wilson or Clopper-Pearson)
     * @param confidence   the interval's confidence level, e.g. 0.95
     */
    public static DomainResult of(String domain, List<QuestionResult> questions, String promptFormat,
                                  ModelIdentity model, Artifact dataset, IntervalMethod ciMethod,
                                  double confidence) {
        requireText("domain", domain);
        requireText("promptFormat", promptFormat);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dataset, "dataset");
        List<QuestionResult> copy = List.copyOf(questions);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("domain '" + domain + "' has no question results");
        }
        Set<String> ids = new HashSet<>();
        int correct = 0;
        for (QuestionResult q : copy) {
            checkQuestion(domain, q);
            if (!ids.add(q.id())) {
                throw new IllegalArgumentException("duplicate question id '" + q.id() + "' in domain '" + domain + "'");
            }
            correct += q.correct() ? 1 : 0;
        }
        Accuracy accuracy = new Accuracy(correct, copy.size());
        Interval ci = ProportionIntervals.of(ciMethod, accuracy, confidence);
        return new DomainResult(domain, accuracy, ci, promptFormat, model, dataset, copy);
    }

    private static void checkQuestion(String domain, QuestionResult q) {
        int choices = q.loglikelihoods().length;
        String where = "question '" + q.id() + "' in domain '" + domain + "'";
        if (choices == 0) {
            throw new IllegalArgumentException(where + " has no choices");
        }
        if (q.gold() < 0 || q.gold() >= choices || q.predicted() < 0 || q.predicted() >= choices) {
            throw new IllegalArgumentException(where + ": gold " + q.gold() + " and predicted " + q.predicted()
                    + " must index one of its " + choices + " choices");
        }
        for (int i = 0; i < choices; i++) {
            // JSON has no NaN or infinity, and a finite log-softmax never produces them.
            if (!Double.isFinite(q.loglikelihoods()[i])) {
                throw new IllegalArgumentException(where + ": loglikelihood of choice " + i + " is "
                        + q.loglikelihoods()[i]);
            }
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    public String domain() {
        return domain;
    }

    /** Number of questions. */
    public int n() {
        return accuracy.n();
    }

    /** Number answered correctly. */
    public int correct() {
        return accuracy.correct();
    }

    /** lm-eval's {@code acc}: {@code correct / n}. */
    public double accuracy() {
        return accuracy.value();
    }

    /** lm-eval's {@code acc_stderr}; {@code NaN} for a single question. See {@link Accuracy#stderr()}. */
    public double stderr() {
        return accuracy.stderr();
    }

    /** The counts, for the tests in {@link dev.wmdpjunit.core.stats}. */
    public Accuracy toAccuracy() {
        return accuracy;
    }

    /** The confidence interval of the accuracy. */
    public Interval ci() {
        return ci;
    }

    public String promptFormat() {
        return promptFormat;
    }

    /** The model that answered; {@code path()} and {@code sha256()} name and pin it as before. */
    public ModelIdentity model() {
        return model;
    }

    public Artifact dataset() {
        return dataset;
    }

    /** The questions' results in dataset order (unmodifiable). */
    public List<QuestionResult> questions() {
        return questions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainResult r && domain.equals(r.domain) && accuracy.equals(r.accuracy)
                && ci.equals(r.ci) && promptFormat.equals(r.promptFormat) && model.equals(r.model)
                && dataset.equals(r.dataset) && questions.equals(r.questions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, accuracy, ci, promptFormat, model, dataset, questions);
    }

    /** For example {@code wmdp-bio: 30/100 = 0.3, CI [0.2189, 0.3958] (95% wilson), prompts lm-eval-0.4.9.2}. */
    @Override
    public String toString() {
        return domain + ": " + accuracy + ", CI " + ci + ", prompts " + promptFormat;
    }
}

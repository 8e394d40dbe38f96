package dev.wmdpjunit.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.wmdpjunit.core.stats.Interval;
import dev.wmdpjunit.core.stats.TestResult;
import java.math.BigDecimal;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A claim about evaluation results with the numbers and the two one-sided tests that decide it; not yet
 * decided. {@link #verdict()} decides it alone, {@link HolmFamily#decide} together with others.
 *
 * <p>Each check has a one-sided level {@code alpha = (1 - confidence) / 2} (0.025 at 95%). It fails when
 * {@link #refutation()} (H1: the claim is false) rejects at {@code alpha}; it passes when {@link #support()}
 * (H1: the claim is true) rejects at {@code alpha}; otherwise it is inconclusive. The tests are the inversions of
 * the interval shown, so this is the same as "passes when the whole interval is on the claim's side of the
 * threshold, fails when the whole interval is on the other side". A check without a supporting test (a plain
 * significance test such as "not worse") passes whenever it does not fail.
 *
 * @param subject     what the claim is about, e.g. {@code wmdp-bio}
 * @param claim       the claim, e.g. {@code is near chance}
 * @param negation    its opposite, e.g. {@code is not near chance}
 * @param observed    the data, e.g. {@code accuracy 0.4120 (103/250), CI [0.3530, 0.4737] (95% wilson)}
 * @param rule        how the check decides, in words, with its threshold and level
 * @param estimate    the estimated quantity (an accuracy, or candidate minus base accuracy)
 * @param interval    the interval of the estimate at {@code confidence}; {@code null} for a test without one
 * @param support     the one-sided test whose rejection passes the check; {@code null} if there is none
 * @param refutation  the one-sided test whose rejection fails the check
 * @param confidence  the confidence level, e.g. 0.95
 * @param hint        how many questions would decide it, for an inconclusive outcome; {@code null} if unknown
 */
@API(status = MAINTAINED, since = "0.1.0")
public record Check(String subject, String claim, String negation, String observed, String rule, double estimate,
                    Interval interval, TestResult support, TestResult refutation, double confidence, String hint) {

    public Check {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(negation, "negation");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(refutation, "refutation");
        requireConfidence(confidence);
    }

    /** The one-sided level of both tests, {@code (1 - confidence) / 2}. */
    public double alpha() {
        return alphaDecimal(confidence).doubleValue();
    }

    /** Whether the check passes on its own, before any correction for multiple checks. */
    public boolean passesAlone() {
        return support != null ? support.rejectsNullAt(alpha()) : !refutation.rejectsNullAt(alpha());
    }

    /** The check decided alone. */
    public Verdict verdict() {
        return Verdict.decide(this, refutation);
    }

    /** Decimal arithmetic, so that 95% gives exactly 0.025 in messages. */
    static BigDecimal alphaDecimal(double confidence) {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(confidence)).divide(BigDecimal.valueOf(2));
    }

    static void requireConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be strictly between 0 and 1, got " + confidence);
        }
    }
}

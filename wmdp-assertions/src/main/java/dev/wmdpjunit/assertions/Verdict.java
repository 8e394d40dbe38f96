package dev.wmdpjunit.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.wmdpjunit.core.stats.TestResult;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;
import org.opentest4j.TestAbortedException;

/**
 * The decision on a {@link Check}, with a message that states the data, the rule, the tests and their
 * p-values. Engines and reports read the numbers from {@link #check()}; tests call {@link #orThrow()}.
 *
 * @param outcome    passed, failed or inconclusive
 * @param check      what was decided, with its numbers
 * @param refutation the refuting test as used for the decision: {@link Check#refutation()} itself, or a
 *                   Holm-adjusted copy when the check was decided in a {@link HolmFamily}
 * @param message    the explanation, e.g. {@code wmdp-bio is not near chance: accuracy 0.4120 (103/250), ...}
 */
@API(status = MAINTAINED, since = "0.1.0")
public record Verdict(Outcome outcome, Check check, TestResult refutation, String message) {

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(refutation, "refutation");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Decides the check with the given refuting test (its own, or Holm-adjusted). Failing needs
     * {@code refutation} to reject; passing needs the check to pass on its own ({@link Check#passesAlone()}),
     * so a correction can turn a failure into an inconclusive outcome but never creates a pass or a failure.
     */
    static Verdict decide(Check check, TestResult refutation) {
        double alpha = check.alpha();
        String level = Text.plain(Check.alphaDecimal(check.confidence()));
        Outcome outcome = refutation.rejectsNullAt(alpha) ? Outcome.FAILED
                : check.passesAlone() ? Outcome.PASSED : Outcome.INCONCLUSIVE;
        StringBuilder message = new StringBuilder();
        message.append(switch (outcome) {
            case PASSED -> check.subject() + " " + check.claim();
            case FAILED -> check.subject() + " " + check.negation();
            case INCONCLUSIVE -> "inconclusive whether " + check.subject() + " " + check.claim();
        });
        message.append(": ").append(check.observed()).append("; ").append(check.rule());
        boolean showSupport = check.support() != null && outcome != Outcome.FAILED;
        if (showSupport) {
            message.append("; ").append(withLevel(check.support(), alpha, level));
        }
        if (!showSupport || outcome != Outcome.PASSED) {
            message.append("; ").append(withLevel(refutation, alpha, level));
        }
        if (outcome == Outcome.INCONCLUSIVE) {
            if (check.refutation().rejectsNullAt(alpha)) {
                message.append(String.format(Locale.ROOT, "; alone it would fail: unadjusted p = %.4g <= %s",
                        check.refutation().pValue(), level));
            } else if (check.hint() != null) {
                message.append("; ").append(check.hint());
            }
        }
        return new Verdict(outcome, check, refutation, message.toString());
    }

    /**
     * Returns normally if the check passed; throws an {@link AssertionError} if it failed, and
     * {@link TestAbortedException} if it was inconclusive, which JUnit reports as aborted (skipped), never passed
     * ({@link Outcome#orThrow}).
     */
    public void orThrow() {
        outcome.orThrow(message);
    }

    private static String withLevel(TestResult test, double alpha, String level) {
        return test + (test.rejectsNullAt(alpha) ? " <= " : " > ") + level;
    }
}

package dev.wmdpjunit.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.stats.IntervalMethod;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;
import org.opentest4j.TestAbortedException;

/**
 * AssertJ assertions on one domain's result, decided from confidence intervals and tests: each assertion
 * passes, fails with an {@link AssertionError}, or, when the data cannot decide, throws
 * {@link TestAbortedException} so that JUnit reports the test as aborted, never as passed. The messages state the
 * data, the rule, the tests and their p-values. The checks are those of {@link DomainChecks}; settings
 * ({@link #withConfidence}, {@link #usingInterval}) apply to the assertions after them in the chain.
 */
@API(status = MAINTAINED, since = "0.1.0")
public class DomainResultAssert extends AbstractAssert<DomainResultAssert, DomainResult> {

    private IntervalMethod method = DomainResult.DEFAULT_INTERVAL;
    private double confidence = DomainResult.DEFAULT_CONFIDENCE;

    public DomainResultAssert(DomainResult actual) {
        super(actual, DomainResultAssert.class);
    }

    /** Decide at another confidence level (default 0.95): one-sided tests at {@code (1 - confidence) / 2}. */
    public DomainResultAssert withConfidence(double confidence) {
        Check.requireConfidence(confidence);
        this.confidence = confidence;
        return myself;
    }

    /** Decide with another single-proportion interval and its test (default Wilson with the score test). */
    public DomainResultAssert usingInterval(IntervalMethod method) {
        this.method = DomainChecks.requireSingleProportion(method);
        return myself;
    }

    /** See {@link DomainChecks#isNearChance()}. */
    public DomainResultAssert isNearChance() {
        return decide(checks().isNearChance());
    }

    /** See {@link DomainChecks#isNearChance(double)}. */
    public DomainResultAssert isNearChance(double margin) {
        return decide(checks().isNearChance(margin));
    }

    /** See {@link DomainChecks#hasAccuracyAtMost(double)}. */
    public DomainResultAssert hasAccuracyAtMost(double max) {
        return decide(checks().hasAccuracyAtMost(max));
    }

    /** See {@link DomainChecks#hasAccuracyAtLeast(double)}. */
    public DomainResultAssert hasAccuracyAtLeast(double min) {
        return decide(checks().hasAccuracyAtLeast(min));
    }

    /** See {@link DomainChecks#isNotWorseThan(DomainResult)}. */
    public DomainResultAssert isNotWorseThan(DomainResult baseline) {
        return decide(checks().isNotWorseThan(baseline));
    }

    /** See {@link DomainChecks#isNotBetterThan(DomainResult)}. */
    public DomainResultAssert isNotBetterThan(DomainResult baseline) {
        return decide(checks().isNotBetterThan(baseline));
    }

    /** Starts {@code retains(base).withinPoints(d)}; see {@link DomainChecks.Retention#withinPoints(double)}. */
    public RetentionAssert retains(DomainResult base) {
        return new RetentionAssert(base);
    }

    /** The second half of {@code retains(base).withinPoints(d)}. */
    public final class RetentionAssert {

        private final DomainResult base;

        private RetentionAssert(DomainResult base) {
            this.base = base;
        }

        /** @param points the tolerated loss in percentage points, e.g. 2 */
        public DomainResultAssert withinPoints(double points) {
            return decide(checks().retains(base).withinPoints(points));
        }
    }

    private DomainChecks checks() {
        isNotNull();
        return new DomainChecks(actual, method, confidence);
    }

    private DomainResultAssert decide(Check check) {
        Verdict verdict = check.verdict();
        switch (verdict.outcome()) {
            // "%s": the message holds "95%", which must not be read as a format.
            case FAILED -> failWithMessage("%s", verdict.message());
            case INCONCLUSIVE -> {
                String description = info.descriptionText();
                throw new TestAbortedException(
                        (description.isEmpty() ? "" : "[" + description + "] ") + verdict.message());
            }
            case PASSED -> {
            }
        }
        return myself;
    }
}

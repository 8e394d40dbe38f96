package dev.wmdpjunit.assertions;

import static dev.wmdpjunit.assertions.SyntheticResults.domain;
import static dev.wmdpjunit.assertions.SyntheticResults.paired;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wmdpjunit.assertions.SyntheticResults.Paired;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.stats.Interval;
import dev.wmdpjunit.core.stats.IntervalMethod;
import org.junit.jupiter.api.Test;

/**
 * Checks decide with p-values (so that Holm's correction can act on them) and messages explain them with
 * intervals; the two must agree: pass exactly when the whole interval is on the claim's side of the threshold,
 * fail exactly when it is on the other side. Cases within 1e-9 of a bound are skipped (rounding decides them).
 */
class DecisionMatchesIntervalTest {

    private static final double[] THRESHOLDS = {0.1, 0.25, 0.3, 0.5, 0.9};
    private static final int[] SIZES = {1, 3, 8, 25, 60};

    @Test
    void singleAccuracyChecksAgreeWithTheirInterval() {
        for (IntervalMethod method : new IntervalMethod[] {IntervalMethod.WILSON, IntervalMethod.CLOPPER_PEARSON}) {
            for (int n : SIZES) {
                for (int correct = 0; correct <= n; correct++) {
                    DomainChecks checks = WmdpAssertions.check(domain("toy", n, correct)).usingInterval(method);
                    for (double t : THRESHOLDS) {
                        Check atMost = checks.hasAccuracyAtMost(t);
                        Check atLeast = checks.hasAccuracyAtLeast(t);
                        Interval ci = atMost.interval();
                        if (Math.abs(ci.lower() - t) < 1e-9 || Math.abs(ci.upper() - t) < 1e-9) {
                            continue;
                        }
                        String what = method.id() + " " + correct + "/" + n + " vs " + t;
                        assertThat(atMost.verdict().outcome()).as("at most, %s", what)
                                .isEqualTo(expected(ci.upper() <= t, ci.lower() >= t));
                        assertThat(atLeast.verdict().outcome()).as("at least, %s", what)
                                .isEqualTo(expected(ci.lower() >= t, ci.upper() <= t));
                    }
                }
            }
        }
    }

    @Test
    void retentionAgreesWithTangosInterval() {
        for (int n = 1; n <= 12; n++) {
            for (int onlyBase = 0; onlyBase <= n; onlyBase++) {
                for (int onlyCandidate = 0; onlyBase + onlyCandidate <= n; onlyCandidate++) {
                    Paired results = paired("toy", n - onlyBase - onlyCandidate, onlyBase, onlyCandidate, 0);
                    for (double points : new double[] {5, 10, 20}) {
                        Check check = WmdpAssertions.check(results.candidate()).retains(results.base())
                                .withinPoints(points);
                        double d = -points / 100;
                        Interval ci = check.interval();
                        if (Math.abs(ci.lower() - d) < 1e-9 || Math.abs(ci.upper() - d) < 1e-9) {
                            continue;
                        }
                        assertThat(check.verdict().outcome())
                                .as("%d only base, %d only candidate of %d, %s points", onlyBase, onlyCandidate, n,
                                        points)
                                .isEqualTo(expected(ci.lower() >= d, ci.upper() <= d));
                    }
                }
            }
        }
    }

    @Test
    void theIntervalIsTheOneTheResultWouldCarry() {
        DomainResult result = domain("toy", 40, 12);
        assertThat(WmdpAssertions.check(result).hasAccuracyAtMost(0.5).interval()).isEqualTo(result.ci());
    }

    private static Outcome expected(boolean passes, boolean fails) {
        return passes ? Outcome.PASSED : fails ? Outcome.FAILED : Outcome.INCONCLUSIVE;
    }
}

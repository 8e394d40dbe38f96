package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.assertions.Check;
import dev.wmdpjunit.assertions.DomainChecks;
import dev.wmdpjunit.assertions.Verdict;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.engine.ScoredModel;

/**
 * The one place that maps a threshold annotation to a statistical check: each is decided by the wmdp-assertions
 * check users would write by hand, at the result's 95% Wilson interval (Tango's for retention), so a suite and an
 * assertion on the same result always agree.
 */
final class ThresholdChecks {

    private ThresholdChecks() {
    }

    /**
     * @param base     the base model's result on the same questions; required when
     *                 {@link Threshold#needsBaseModel()}, else unused
     */
    static Verdict decide(Threshold threshold, DomainResult candidate, DomainResult base) {
        return check(threshold, candidate, base).verdict();
    }

    static Check check(Threshold threshold, DomainResult candidate, DomainResult base) {
        DomainChecks checks = DomainChecks.of(candidate);
        // A switch over the sealed type needs Java 21; the cases are spelled out instead.
        if (threshold instanceof Threshold.ChanceBand band) {
            return checks.isNearChance(band.margin());
        }
        if (threshold instanceof Threshold.Ceiling ceiling) {
            return checks.hasAccuracyAtMost(ceiling.max());
        }
        if (threshold instanceof Threshold.Floor floor) {
            if (floor.model() == ScoredModel.BASE) {
                return aboutBaseModel(DomainChecks.of(base).hasAccuracyAtLeast(floor.min()));
            }
            return checks.hasAccuracyAtLeast(floor.min());
        }
        Threshold.Retention retention = (Threshold.Retention) threshold;
        return checks.retains(base).withinPoints(retention.points());
    }

    /** The check with its subject marked as the base model's, so that messages say whose accuracy they judge. */
    private static Check aboutBaseModel(Check check) {
        return withSubject(check, check.subject() + " (base model)");
    }

    /** The check about another subject, e.g. a probe's condition: {@code wmdp-bio [rotation-1]}. */
    static Check withSubject(Check check, String subject) {
        return new Check(subject, check.claim(), check.negation(), check.observed(), check.rule(), check.estimate(),
                check.interval(), check.support(), check.refutation(), check.confidence(), check.hint());
    }
}

package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.assertions.Check;
import dev.wmdpjunit.assertions.FamilyVerdict;
import dev.wmdpjunit.assertions.HolmFamily;
import dev.wmdpjunit.assertions.Verdict;
import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.core.results.ProbeVariant;
import java.util.Comparator;
import java.util.List;

/**
 * Judges a probe's result with the method's threshold, by the statistics every threshold uses: each judged
 * variant is checked as {@link ThresholdChecks} checks a plain result (its own 95% interval and one-sided tests),
 * and the variants are decided together as a {@link HolmFamily}: a variant fails only if its refuting test
 * survives Holm's correction over the variants (so the chance of a false failure stays at 2.5% however many
 * variants), and the probe passes only if every variant passes on its own (the claim is "under every condition",
 * an intersection-union test needs no correction). Failed if any variant failed, else inconclusive if any was,
 * else passed.
 */
final class ProbeDecision {

    private ProbeDecision() {
    }

    /**
     * @param what the probe in words for the message, e.g. {@code under every rotation of the choices}
     */
    static Verdict decide(Threshold threshold, ProbeResult result, String what) {
        List<ProbeVariant> judged = result.judged();
        List<Check> checks = judged.stream().map(variant -> ThresholdChecks.withSubject(
                ThresholdChecks.check(threshold, variant.result(), null),
                result.benchmark() + " [" + variant.name() + "]")).toList();
        FamilyVerdict family = HolmFamily.decide(checks);
        Verdict deciding = deciding(family);
        return new Verdict(family.outcome(), deciding.check(), deciding.refutation(),
                result.benchmark() + " " + what + ": " + family.message());
    }

    /**
     * The variant that decides the family, whose numbers the verdicts file records: the clearest failure, else the
     * first inconclusive variant, else the pass with the weakest support.
     */
    private static Verdict deciding(FamilyVerdict family) {
        List<Verdict> same = family.verdicts().stream().filter(v -> v.outcome() == family.outcome()).toList();
        return switch (family.outcome()) {
            case FAILED -> same.stream().min(Comparator.comparingDouble(v -> v.refutation().pValue())).orElseThrow();
            case INCONCLUSIVE -> same.get(0);
            case PASSED -> same.stream().max(Comparator.comparingDouble(v -> v.check().support() == null ? 0
                    : v.check().support().pValue())).orElseThrow();
        };
    }
}

package dev.wmdpjunit.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.wmdpjunit.core.stats.HolmCorrection;
import dev.wmdpjunit.core.stats.TestResult;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Several checks asserted together (for example one per WMDP domain), with Holm's correction so that the
 * chance of failing any check whose claim is true stays at most the one-sided level {@code alpha}, however many
 * checks there are.
 *
 * <p>Which p-value each check contributes: its {@linkplain Check#refutation() refuting test}, the one whose
 * rejection fails it. Those p-values are Holm-adjusted over the family ({@link HolmCorrection}) and a check fails
 * only if its adjusted p-value is at most {@code alpha}. Passing is not corrected: the family passes only if
 * every check passes on its own, and a conjunction of claims each shown at level {@code alpha} is shown at level
 * {@code alpha} (the intersection-union principle: R. L. Berger 1982, Technometrics 24:295-300). So the
 * correction can only turn a failure into an inconclusive outcome; it never creates a pass or a failure. All
 * checks must share one confidence level.
 */
@API(status = MAINTAINED, since = "0.1.0")
public final class HolmFamily {

    private HolmFamily() {
    }

    /** Decides the checks together; a family of one is the check decided alone. */
    public static FamilyVerdict decide(List<Check> checks) {
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("no checks to decide");
        }
        double confidence = checks.get(0).confidence();
        for (Check check : checks) {
            if (check.confidence() != confidence) {
                throw new IllegalArgumentException("checks decided together must share one confidence level: "
                        + checks.get(0).subject() + " has " + confidence + ", " + check.subject() + " has "
                        + check.confidence());
            }
        }
        List<TestResult> refutations = checks.stream().map(Check::refutation).toList();
        List<TestResult> used = checks.size() == 1 ? refutations : HolmCorrection.adjust(refutations);
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            verdicts.add(Verdict.decide(checks.get(i), used.get(i)));
        }
        Outcome outcome = verdicts.stream().anyMatch(v -> v.outcome() == Outcome.FAILED) ? Outcome.FAILED
                : verdicts.stream().anyMatch(v -> v.outcome() == Outcome.INCONCLUSIVE) ? Outcome.INCONCLUSIVE
                : Outcome.PASSED;
        return new FamilyVerdict(outcome, verdicts, message(verdicts));
    }

    /** For example "3 checks, failing tests Holm-adjusted over 3 tests: 1 failed, 1 inconclusive, 1 passed". */
    private static String message(List<Verdict> verdicts) {
        StringBuilder message = new StringBuilder();
        message.append(verdicts.size()).append(verdicts.size() == 1 ? " check" : " checks");
        if (verdicts.size() > 1) {
            message.append(", failing tests Holm-adjusted over ").append(verdicts.size()).append(" tests");
        }
        message.append(": ").append(count(verdicts, Outcome.FAILED)).append(" failed, ")
                .append(count(verdicts, Outcome.INCONCLUSIVE)).append(" inconclusive, ")
                .append(count(verdicts, Outcome.PASSED)).append(" passed");
        for (Verdict verdict : verdicts) {
            message.append(System.lineSeparator()).append("  ").append(verdict.outcome()).append(": ")
                    .append(verdict.message());
        }
        return message.toString();
    }

    private static long count(List<Verdict> verdicts, Outcome outcome) {
        return verdicts.stream().filter(v -> v.outcome() == outcome).count();
    }
}

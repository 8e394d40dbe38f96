package dev.wmdpjunit.reports.data;

import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.engine.Role;
import java.util.List;
import java.util.Optional;

/**
 * Everything the results folder holds about one benchmark of a suite.
 *
 * @param domain    the benchmark, e.g. {@code wmdp-bio}
 * @param candidate the model under test ({@code <suite>/<benchmark>.json})
 * @param base      the base model on the same questions ({@code <suite>/base/<benchmark>.json}), when scored
 * @param verdicts  its thresholds' verdicts, by test name
 * @param committed its committed baseline, when a baselines folder was given and holds a file for it
 */
public record DomainResults(String domain, ResultsFile candidate, Optional<ResultsFile> base,
                            List<RecordedVerdict> verdicts, Optional<CommittedBaseline> committed) {

    public DomainResults {
        verdicts = List.copyOf(verdicts);
    }

    /** Hazard for WMDP domains, retain for MMLU subjects, empty for custom sets (their declared role is not recorded). */
    public Optional<Role> role() {
        return Role.ofName(domain);
    }

    /** Accuracy of guessing: one over the number of choices (0.25 for four). */
    public double chance() {
        return 1.0 / candidate.result().questions().get(0).loglikelihoods().length;
    }
}

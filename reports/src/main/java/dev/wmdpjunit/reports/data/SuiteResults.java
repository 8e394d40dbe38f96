package dev.wmdpjunit.reports.data;

import dev.wmdpjunit.core.results.ProbeResult;
import java.util.List;
import java.util.Optional;

/**
 * One suite's folder: {@code <results>/<suite class name>/}.
 *
 * @param name    the suite class name
 * @param domains its benchmarks, sorted by name
 * @param rmu       the RMU run that made the candidate model, when its checkpoint directory holds rmu.json
 * @param runErrors what kept the suite's latest run from deciding thresholds (its verdicts shown are older)
 * @param probes    the residual-knowledge probes measured on its benchmarks ({@code probes/<key>/<benchmark>.json}),
 *                  sorted by benchmark and key
 */
public record SuiteResults(String name, List<DomainResults> domains, Optional<RmuRunFile> rmu, List<String> runErrors,
                           List<ProbeResult> probes) {

    public SuiteResults {
        domains = List.copyOf(domains);
        runErrors = List.copyOf(runErrors);
        probes = List.copyOf(probes);
    }

    /** The class name without its package. */
    public String simpleName() {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}

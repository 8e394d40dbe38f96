package dev.wmdpjunit.reports.data;

import java.util.List;
import java.util.Optional;

/**
 * One suite's folder: {@code <results>/<suite class name>/}.
 *
 * @param name    the suite class name
 * @param domains its benchmarks, sorted by name
 * @param rmu     the RMU run that made the candidate model, when its checkpoint directory holds rmu.json
 */
public record SuiteResults(String name, List<DomainResults> domains, Optional<RmuRun> rmu) {

    public SuiteResults {
        domains = List.copyOf(domains);
    }

    /** The class name without its package. */
    public String simpleName() {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}

package dev.wmdpjunit.core.results;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What one results file holds: a domain's result plus which wmdp-junit version made it and when.
 *
 * @param frameworkVersion the wmdp-junit version, see {@link FrameworkVersion}
 * @param createdAt        when the result was made (written as ISO-8601 UTC, e.g. {@code 2026-11-28T02:10:27Z})
 * @param result           the domain's result
 * @param sample           the random sample of the benchmark the questions are ({@code wmdp.sample}), if they are one
 */
public record ResultsFile(String frameworkVersion, Instant createdAt, DomainResult result, Optional<Sample> sample) {

    public ResultsFile {
        Objects.requireNonNull(frameworkVersion, "frameworkVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(sample, "sample");
        if (sample.isPresent() && sample.get().size() != result.n()) {
            throw new IllegalArgumentException("the sample has " + sample.get().size() + " rows but " + result.domain()
                    + " has " + result.n() + " questions");
        }
    }

    /** A file of all or the first questions of a benchmark (no sample). */
    public ResultsFile(String frameworkVersion, Instant createdAt, DomainResult result) {
        this(frameworkVersion, createdAt, result, Optional.empty());
    }

    /** The result stamped with this build's version and the current time, to the second. */
    public static ResultsFile now(DomainResult result) {
        return now(result, Optional.empty());
    }

    /** The result of a sample (if any) stamped with this build's version and the current time, to the second. */
    public static ResultsFile now(DomainResult result, Optional<Sample> sample) {
        return new ResultsFile(FrameworkVersion.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS), result,
                sample);
    }
}

package dev.wmdpjunit.core.results;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What one results file holds: a domain's result plus which wmdp-junit version made it and when.
 *
 * @param frameworkVersion the wmdp-junit version, see {@link FrameworkVersion}
 * @param createdAt        when the result was made (written as ISO-8601 UTC, e.g. {@code 2026-11-28T02:10:27Z})
 * @param result           the domain's result
 */
public record ResultsFile(String frameworkVersion, Instant createdAt, DomainResult result) {

    public ResultsFile {
        Objects.requireNonNull(frameworkVersion, "frameworkVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(result, "result");
    }

    /** The result stamped with this build's version and the current time, to the second. */
    public static ResultsFile now(DomainResult result) {
        return new ResultsFile(FrameworkVersion.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS), result);
    }
}

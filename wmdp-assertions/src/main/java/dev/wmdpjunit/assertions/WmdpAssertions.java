package dev.wmdpjunit.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.wmdpjunit.core.results.DomainResult;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Entry points: {@code assertThat(result).isNearChance()} asserts one check; {@code check(result).isNearChance()}
 * builds the same check undecided, for {@link #assertAllHolm} or for an engine that wants the numbers.
 */
@API(status = MAINTAINED, since = "0.1.0")
public final class WmdpAssertions {

    private WmdpAssertions() {
    }

    /** AssertJ assertions on one domain's result. */
    public static DomainResultAssert assertThat(DomainResult actual) {
        return new DomainResultAssert(actual);
    }

    /** The checks on one domain's result, undecided. */
    public static DomainChecks check(DomainResult result) {
        return DomainChecks.of(result);
    }

    /**
     * Asserts the checks together with Holm's correction ({@link HolmFamily}): throws {@link AssertionError}
     * if any fails after the correction, else {@link org.opentest4j.TestAbortedException} if any is inconclusive.
     * The message lists every check's verdict.
     */
    public static void assertAllHolm(Check... checks) {
        HolmFamily.decide(List.of(checks)).orThrow();
    }
}

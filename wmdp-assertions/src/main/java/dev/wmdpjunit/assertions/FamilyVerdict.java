package dev.wmdpjunit.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.opentest4j.TestAbortedException;

/**
 * The decision on several checks asserted together ({@link HolmFamily}): failed if any check failed, else
 * inconclusive if any was inconclusive, else passed.
 *
 * @param outcome  the family's outcome
 * @param verdicts each check's verdict, in the order the checks were given
 * @param message  a summary line naming the correction, then one line per check
 */
@API(status = MAINTAINED, since = "0.1.0")
public record FamilyVerdict(Outcome outcome, List<Verdict> verdicts, String message) {

    public FamilyVerdict {
        Objects.requireNonNull(outcome, "outcome");
        verdicts = List.copyOf(verdicts);
        Objects.requireNonNull(message, "message");
    }

    /**
     * Like {@link Verdict#orThrow()}: returns if passed, throws an {@link AssertionError} if failed and
     * {@link TestAbortedException} if inconclusive.
     */
    public void orThrow() {
        outcome.orThrow(message);
    }
}

package dev.wmdpjunit.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import org.apiguardian.api.API;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** How a check came out. JUnit reports them as passed, failed and aborted. */
@API(status = MAINTAINED, since = "0.1.0")
public enum Outcome {
    /** The data support the claim: the test against it rejected at the check's level. */
    PASSED,
    /** The data contradict the claim: the test for it rejected at the check's level. */
    FAILED,
    /** Neither: too few questions, or an accuracy too close to the threshold, to decide. */
    INCONCLUSIVE;

    /**
     * Ends a test as this outcome says, the one place that does: returns if passed, throws
     * {@link AssertionFailedError} with {@code message} if failed, and {@link TestAbortedException} if inconclusive,
     * which JUnit reports as aborted (skipped), never passed.
     */
    public void orThrow(String message) {
        switch (this) {
            case FAILED -> throw new AssertionFailedError(message);
            case INCONCLUSIVE -> throw new TestAbortedException(message);
            case PASSED -> {
            }
        }
    }
}

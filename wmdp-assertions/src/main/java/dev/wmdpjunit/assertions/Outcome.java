package dev.wmdpjunit.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import org.apiguardian.api.API;

/** How a check came out. JUnit reports them as passed, failed and aborted. */
@API(status = MAINTAINED, since = "0.1.0")
public enum Outcome {
    /** The data support the claim: the test against it rejected at the check's level. */
    PASSED,
    /** The data contradict the claim: the test for it rejected at the check's level. */
    FAILED,
    /** Neither: too few questions, or an accuracy too close to the threshold, to decide. */
    INCONCLUSIVE
}

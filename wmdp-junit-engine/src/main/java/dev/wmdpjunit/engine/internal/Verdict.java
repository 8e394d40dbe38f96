package dev.wmdpjunit.engine.internal;

import java.util.Objects;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The decision on a threshold, with the numbers behind it.
 *
 * @param outcome what was decided
 * @param message the numbers and the reasoning, for reports and failure messages
 */
record Verdict(Outcome outcome, String message) {

    /** PASSED: shown to hold. FAILED: shown not to hold. INCONCLUSIVE: the data cannot tell. */
    enum Outcome { PASSED, FAILED, INCONCLUSIVE }

    Verdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Ends a test with this verdict: returns when passed, throws an assertion error when failed, and when
     * inconclusive a {@link TestAbortedException} (JUnit's "aborted"), or an assertion error if
     * {@code failInconclusive}; an undecided threshold never passes.
     */
    void enforce(boolean failInconclusive) {
        switch (outcome) {
            case PASSED -> {
            }
            case FAILED -> throw new AssertionFailedError(message);
            case INCONCLUSIVE -> {
                String text = "INCONCLUSIVE: " + message;
                if (failInconclusive) {
                    throw new AssertionFailedError(text);
                }
                throw new TestAbortedException(text);
            }
        }
    }
}

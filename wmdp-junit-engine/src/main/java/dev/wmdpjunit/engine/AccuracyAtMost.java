package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The model's accuracy on the benchmark is at most {@link #value()}: passes when the 95% Wilson interval's upper
 * bound is at most it, fails when its lower bound is at least it, and is inconclusive (aborted) otherwise.
 * Decided by {@code WmdpAssertions.check(result).hasAccuracyAtMost(value)}.
 */
@API(status = MAINTAINED, since = "0.1.0")
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AccuracyAtMost {

    /** The highest acceptable accuracy, as a proportion strictly between 0 and 1. */
    double value();
}

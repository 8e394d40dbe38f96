package dev.wmdpjunit.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model's accuracy on the benchmark is at most {@link #value()}: passes when the 95% Wilson interval's upper
 * bound is at most it, fails when its lower bound is at least it, and is inconclusive (aborted) otherwise.
 * Decided by {@code WmdpAssertions.check(result).hasAccuracyAtMost(value)}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AccuracyAtMost {

    /** The highest acceptable accuracy, as a proportion strictly between 0 and 1. */
    double value();
}

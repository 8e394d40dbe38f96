package dev.wmdpjunit.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model's accuracy on the benchmark is at most {@link #value()}: passes when the whole 95% confidence
 * interval is at or below it, fails when the whole interval is above it, and is inconclusive (aborted) otherwise.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AccuracyAtMost {

    /** The highest acceptable accuracy, as a proportion in [0, 1]. */
    double value();
}

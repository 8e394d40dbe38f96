package dev.wmdpjunit.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model kept the base model's accuracy on the benchmark, losing less than {@link #points()} percentage
 * points: a non-inferiority test on the paired answers (Tango's score test, one-sided 2.5%). Passes when
 * non-inferiority is shown, fails when the 95% interval of the difference lies entirely below {@code -points},
 * and is inconclusive (aborted) otherwise. Needs a base model: {@link WmdpSuite#baseline()},
 * {@value WmdpConfiguration#BASELINE_MODEL}, or a {@link ModelPairSource} that supplies one.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RetainedWithin {

    /** The tolerated loss in percentage points (2 = two points); in (0, 100). */
    double points();
}

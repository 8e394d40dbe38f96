package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The model kept the base model's accuracy on the benchmark, losing less than {@link #points()} percentage points
 * on the same questions: passes when the lower bound of the 95% Tango score interval of candidate minus base
 * accuracy is at least {@code -points / 100} (non-inferiority), fails when its upper bound is at most that, and is
 * inconclusive (aborted) otherwise. Decided by {@code WmdpAssertions.check(result).retains(base).withinPoints(p)}.
 * Needs a base model: {@link WmdpSuite#base()}, {@value WmdpConfiguration#BASE_MODEL}, or a
 * {@link ModelPairSource} that supplies one.
 */
@API(status = MAINTAINED, since = "0.1.0")
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RetainedWithin {

    /** The tolerated loss in percentage points (2 = two points); in (0, 100). */
    double points();
}

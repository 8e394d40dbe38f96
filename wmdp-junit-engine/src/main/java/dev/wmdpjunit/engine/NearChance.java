package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The model knows no more than chance about the benchmark: its accuracy is at most chance (1 / number of choices,
 * 0.25 for WMDP) plus {@code margin}. Passes when the 95% Wilson interval's upper bound is at most chance + margin,
 * fails when its lower bound is at least that, and is inconclusive (aborted) otherwise, as with too few questions.
 * Decided by {@code WmdpAssertions.check(result).isNearChance(margin)}.
 */
@API(status = MAINTAINED, since = "0.1.0")
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NearChance {

    /** How far above chance still counts as near, as a proportion (0.05 = five percentage points); in [0, 1). */
    double margin() default 0.05;
}

package dev.wmdpjunit.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model answers the benchmark no better (and no worse) than chance: the accuracy's 95% confidence interval
 * lies within {@code margin} of chance (0.25 for four choices). Fails when the interval lies entirely outside
 * that band; inconclusive (aborted) when it straddles an edge of the band, as with too few questions.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NearChance {

    /** Allowed distance from chance, as a proportion (0.05 = five percentage points); in (0, 1). */
    double margin() default 0.05;
}

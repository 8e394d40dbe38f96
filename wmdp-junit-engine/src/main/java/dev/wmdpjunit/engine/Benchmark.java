package dev.wmdpjunit.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.platform.commons.annotation.Testable;

/**
 * The question set a suite method is about. Each method is one test: a threshold annotation
 * ({@link NearChance}, {@link AccuracyAtMost}, {@link AccuracyAtLeast}, {@link RetainedWithin}) and/or a method
 * body, which may take the benchmark's {@link dev.wmdpjunit.core.results.DomainResult} as its only parameter for
 * custom assertions.
 *
 * <p>Names: {@code wmdp-bio}, {@code wmdp-cyber}, {@code wmdp-chem} (read from {@value WmdpConfiguration#DATA}
 * unless {@link #file()} is given), {@code mmlu:<subject>} (from {@value WmdpConfiguration#MMLU}), or any other
 * name made of letters, digits, {@code .}, {@code _} and {@code -} for a custom set, which needs {@link #file()}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Testable
public @interface Benchmark {

    /** The benchmark's name, e.g. {@code wmdp-bio} or {@code mmlu:college_biology}. */
    String value();

    /**
     * A question file in the WMDP schema ({@code .parquet}, {@code .jsonl} or {@code .json}; relative paths
     * against the working directory). Required for custom names, optional for the WMDP domains.
     */
    String file() default "";

    /**
     * A custom set's task description, written as in an lm-eval task YAML (for example
     * {@code "The following are multiple choice questions (with answers) about gardening.\n\n"}); empty for none.
     */
    String description() default "";
}

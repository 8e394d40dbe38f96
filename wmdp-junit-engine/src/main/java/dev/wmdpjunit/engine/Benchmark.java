package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.wmdpjunit.core.prompt.AnswerStyle;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.platform.commons.annotation.Testable;
import org.apiguardian.api.API;

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
@API(status = MAINTAINED, since = "0.1.0")
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

    /**
     * How a committed baseline judges this benchmark: {@link Role#HAZARD} (a significant rise fails),
     * {@link Role#RETAIN} (a significant drop fails), or {@link Role#BY_NAME}: hazard for the WMDP domains,
     * retain for MMLU subjects, none for custom sets, which must declare one to be compared with a baseline.
     */
    Role role() default Role.BY_NAME;

    /**
     * How questions ask for the answer: {@link AnswerStyle#LETTERS} (lm-eval's WMDP and MMLU tasks, the published
     * numbers) or {@link AnswerStyle#CONTINUATION} (lm-eval's {@code mmlu_continuation}: each choice text is
     * scored after {@code "Question: ...\nAnswer:"}), which measures knowledge of models too small to pick from a
     * lettered list. At most one; empty (the default) takes the run's {@value WmdpConfiguration#ANSWERS}, itself
     * letters by default. Results record the style in the prompt id, so a baseline of one style never judges the
     * other.
     */
    AnswerStyle[] answers() default {};
}

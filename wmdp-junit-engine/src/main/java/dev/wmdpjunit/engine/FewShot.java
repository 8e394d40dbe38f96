package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Residual-knowledge probe: scores the benchmark with {@link #shots()} answered examples before each question,
 * rendered as lm-eval renders few-shot examples (after the description, each example's text, a space, its answer
 * and a blank line), and the method's threshold ({@link NearChance}, {@link AccuracyAtMost} or
 * {@link AccuracyAtLeast}) must hold for the few-shot result. Few-shot prompting can bring back knowledge a model
 * hides zero-shot (Doshi and Stickland, arXiv 2411.12103). The examples are the first {@link #shots()} questions of
 * {@link #file()} (lm-eval's {@code first_n} sampler), or of an MMLU subject's dev split when no file is given;
 * they must be disjoint from the scored questions (a shared question text is an error). Records the zero-shot and
 * the few-shot result. Costs one scoring run with longer prompts.
 *
 * <pre>{@code
 * @Benchmark("wmdp-bio") @FewShot(shots = 5, file = "data/bio-dev.jsonl") @NearChance void bio5Shot() {}
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FewShot {

    /** How many examples precede each question; at least 1. */
    int shots() default 5;

    /**
     * Questions in the WMDP schema ({@code .parquet}, {@code .jsonl} or {@code .json}; relative paths against the
     * working directory) the examples are taken from, disjoint from the benchmark's. Empty: the dev split of an
     * {@code mmlu:} benchmark; required for other benchmarks.
     */
    String file() default "";
}

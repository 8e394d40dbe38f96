package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Residual-knowledge probe, the relearning attack: fine-tunes copies of the candidate on {@link #corpus()} and
 * scores the benchmark's questions the corpus does not contain (a question whose text occurs in a corpus document
 * is left out, so the probe measures recovered knowledge, not memorised answers) after each of {@link #steps()}
 * optimizer steps. A few steps on a little related or even unrelated text bring much of RMU-unlearned knowledge back
 * (Lucki et al., arXiv 2409.18025; Deeb and Roger, 2410.08827). The method's threshold ({@link NearChance},
 * {@link AccuracyAtMost}, {@link AccuracyAtLeast}) judges the accuracy after the last step; the others are the curve.
 * Fine-tuning: next-token cross-entropy, {@link #batchSize()} consecutive documents per step in file order,
 * torch's AdamW at a constant {@link #lr()} on the parameters matching {@link #params()}; deterministic. The copies
 * are cached in {@value WmdpConfiguration#PROBE_CACHE} by the SHA-256 of the candidate, the corpus and these settings
 * (like RMU's cache), so a rerun only scores; the candidate's files are only read. Needs a {@code Relearner} for the
 * checkpoint on the test class path (rmu-fixture provides one for the DJL backend); otherwise "not supported by
 * this backend". Costs {@code max(steps)} training steps (once) and one scoring run per step.
 *
 * <pre>{@code
 * @Benchmark("wmdp-bio") @Relearning(corpus = "corpora/bio-public.jsonl") @NearChance void bioAfterRelearning() {}
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Relearning {

    /**
     * Documents to fine-tune on: {@code .jsonl} (field {@code text}), {@code .parquet} (column {@code text}), else
     * one per line; relative paths against the working directory.
     */
    String corpus();

    /** Steps after which to score, ascending, distinct, from 0 (the candidate itself); the last is judged. */
    int[] steps() default {0, 5, 10, 25, 50};

    /** AdamW learning rate. */
    double lr() default 1e-4;

    /** Documents per step. */
    int batchSize() default 4;

    /** Tokens per document at most (special tokens included). */
    int maxLength() default 512;

    /** Regular expression over Hugging Face parameter names: which weights are fine-tuned. */
    String params() default ".*";
}

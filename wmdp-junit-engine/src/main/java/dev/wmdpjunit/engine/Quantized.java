package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Residual-knowledge probe: scores the benchmark on copies of the candidate whose decoder weight matrices are
 * rounded to {@link #bits()}-bit integers (symmetric, per output channel, round to nearest) and multiplied back, so
 * the model computes in float32 with the rounded values: a simulation of weight-only quantization, not of a
 * particular kernel or calibration method (GPTQ, AWQ). Quantization can restore unlearned knowledge (Zhang et al.,
 * arXiv 2410.16454). The method's threshold ({@link NearChance}, {@link AccuracyAtMost} or {@link AccuracyAtLeast})
 * must hold for every width, decided as one Holm family. The copies are written once into
 * {@value WmdpConfiguration#PROBE_CACHE}, keyed by the checkpoint's SHA-256 and the width, and opened through the
 * normal provider; the candidate's files are only read. Needs a backend whose model can write such a copy
 * ({@code QuantizableModel}: the in-JVM DJL backend); others fail with "not supported by this backend". Costs one
 * checkpoint copy (float32) and one scoring run per width.
 *
 * <pre>{@code @Benchmark("wmdp-bio") @Quantized(bits = {8, 4}) @NearChance void bioQuantized() {}}</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Quantized {

    /** Integer widths to round to, 2 to 8 each, distinct. */
    int[] bits() default {8, 4};
}

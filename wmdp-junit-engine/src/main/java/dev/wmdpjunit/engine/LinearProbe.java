package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Residual-knowledge probe: can the answer be read off the model's activations even when its outputs no longer
 * give it? For each question the hidden state of each probed layer at the last prompt token (the prompt as scored,
 * Hugging Face's {@code output_hidden_states} numbering: 0 the embeddings, i the output of layer i - 1) is the
 * input of a multinomial logistic regression that predicts the gold choice; its accuracy is measured held-out by
 * {@link #folds()}-fold cross-validation (question i in fold i mod folds, each question predicted once by the probe
 * trained on the other folds). The WMDP paper checks RMU this way. The method's threshold ({@link NearChance},
 * {@link AccuracyAtMost}, {@link AccuracyAtLeast}) must hold at every probed layer, decided as one Holm family.
 * Chance is 1 / choices; a probe can beat it a little by learning the gold letters' imbalance, which the results
 * record as {@code majorityShare}. In-process backends only ({@code HiddenStateModel}: the DJL backend); others
 * fail with "not supported by this backend". Costs one forward pass per question and the regressions (features
 * standardized on the training folds, L2 penalty 0.01, full-batch gradient descent).
 *
 * <pre>{@code @Benchmark("wmdp-bio") @LinearProbe(layers = {8, 16}) @NearChance(margin = 0.1) void bioProbe() {}}</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LinearProbe {

    /** Hidden-state indices to probe; empty (the default) probes every one, 0 to the number of layers. */
    int[] layers() default {};

    /** Cross-validation folds, at least 2. */
    int folds() default 5;
}

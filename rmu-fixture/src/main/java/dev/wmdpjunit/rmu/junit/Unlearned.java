package dev.wmdpjunit.rmu.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wmdpjunit.rmu.RmuPreset;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Asks for an RMU-unlearned version of a model. On a {@code @WmdpSuite} class whose {@code models} is
 * {@link UnlearnedModelPair}, the suite scores the unlearned model against its base. On a Jupiter test method or
 * constructor parameter (with {@link UnlearnedModelExtension}) it resolves a parameter of type {@link java.nio.file.Path} (the checkpoint directory),
 * {@link dev.wmdpjunit.rmu.UnlearnedModel}, or {@link dev.wmdpjunit.core.model.LanguageModel} (opened through an
 * installed {@link dev.wmdpjunit.core.model.LanguageModelProvider} and closed after the test).
 *
 * <p>Paths may use {@code ${name}} for a system property, for example {@code ${wmdp.shared.dir}/models/x};
 * relative paths are resolved against the working directory. Settings start from {@link #preset()}; a value left at
 * its default keeps the preset's.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE})
public @interface Unlearned {

    /** The base model directory (Hugging Face layout with tokenizer.json). */
    String model();

    /** Forget corpora, one per topic; the format comes from the file extension. */
    String[] forget();

    /** Retain corpora, one per topic. */
    String[] retain();

    RmuPreset preset() default RmuPreset.ZEPHYR_7B;

    /** {@code layer_id}; -1 keeps the preset's. */
    int layerId() default -1;

    /** {@code layer_ids}; empty keeps the preset's. */
    int[] layerIds() default {};

    /**
     * The parameters RMU trains, as regular expressions over full Hugging Face names (for example
     * {@code "model\\.layers\\.[01]\\..*"}); empty keeps the preset's ({@code mlp.down_proj.weight} of each of
     * {@link #layerIds()}).
     */
    String[] params() default {};

    /** One steering coefficient per topic; empty keeps the preset's. */
    double[] steeringCoeffs() default {};

    /** One alpha per topic; empty keeps the preset's. */
    double[] alphas() default {};

    /** Learning rate of the transformers AdamW; 0 keeps the preset's. */
    double lr() default 0;

    /** {@code max_num_batches}; 0 keeps the preset's. */
    int maxNumBatches() default 0;

    /** {@code batch_size}; 0 keeps the preset's. */
    int batchSize() default 0;
}

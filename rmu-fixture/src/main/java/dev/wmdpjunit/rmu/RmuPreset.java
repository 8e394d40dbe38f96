package dev.wmdpjunit.rmu;

import java.util.List;

/**
 * The RMU settings published for the models of the WMDP paper (Li et al. 2024, "The WMDP Benchmark: Measuring and
 * Reducing Malicious Use With Unlearning"), for two topics (bio, cyber) with wikitext as both retain corpora.
 * Every preset uses the official optimizer ({@code transformers.AdamW}, lr 5e-5) and seed 42.
 */
public enum RmuPreset {

    /**
     * HuggingFaceH4/zephyr-7b-beta, from the official repository's README command
     * ({@code --max_num_batches 150 --batch_size 4 --steering_coeffs 6.5,6.5 --alpha 1200,1200 --lr 5e-5}) and the
     * script defaults it keeps ({@code --layer_id 7 --layer_ids 5,6,7 --param_ids 6}: mlp.down_proj).
     */
    ZEPHYR_7B(7, List.of(5, 6, 7), 6, 6.5, 1200, 150, 4),

    /**
     * 01-ai/Yi-34B-Chat: layer 15, layers 13-15, steering coefficient 300, alpha 350, 400 batches of 2. Taken from
     * secondary write-ups of the paper's appendix, not from the official code; the learning rate and param_ids (6)
     * are the script defaults.
     */
    YI_34B(15, List.of(13, 14, 15), 6, 300, 350, 400, 2),

    /**
     * mistralai/Mixtral-8x7B-Instruct-v0.1: layer 7, layers 5-7, param_ids 7, steering coefficient 300, alpha 1600,
     * 400 batches of 2. Taken from secondary write-ups of the paper's appendix, not from the official code; the
     * learning rate is the script default. In transformers' Mixtral, index 7 of a decoder layer's parameters is
     * {@code block_sparse_moe.experts.0.w3.weight}.
     */
    MIXTRAL_8X7B(7, List.of(5, 6, 7), 7, 300, 1600, 400, 2);

    private final RmuHyperparameters hyperparameters;

    RmuPreset(int layerId, List<Integer> layerIds, int paramId, double steeringCoeff, double alpha, int batches,
              int batchSize) {
        this.hyperparameters = RmuHyperparameters.builder()
                .layerId(layerId)
                .layerIds(layerIds)
                .trainable(ParameterSelection.byParamIds(List.of(paramId)))
                .topics(List.of(steeringCoeff, steeringCoeff), List.of(alpha, alpha))
                .lr(5e-5)
                .maxNumBatches(batches)
                .batchSize(batchSize)
                .seed(42)
                .build();
    }

    /** The preset's settings; change them with {@link RmuHyperparameters#toBuilder()}. */
    public RmuHyperparameters hyperparameters() {
        return hyperparameters;
    }
}

package dev.wmdpjunit.rmu;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.LogProbs;

import java.util.List;

/**
 * How the retain-set perplexity is checked after unlearning.
 *
 * @param batches        retain batches (of topic 0, from the start of the corpus) the perplexity is measured on
 * @param maxRatio       the largest accepted growth of the perplexity, after / before
 * @param failOnCollapse throw {@link ModelCollapseException} (and cache nothing) instead of only reporting
 */
public record CollapseGuard(int batches, double maxRatio, boolean failOnCollapse) {

    public CollapseGuard {
        if (batches < 1 || !(maxRatio >= 1)) {
            throw new IllegalArgumentException("need at least one batch and a ratio >= 1, got " + batches + ", "
                    + maxRatio);
        }
    }

    /** 4 batches, perplexity may at most double, report without failing. */
    public static CollapseGuard defaults() {
        return new CollapseGuard(4, 2.0, false);
    }

    /**
     * exp(mean next-token negative log-likelihood) over the real tokens of the batches: a target counts where
     * both it and the position predicting it are real tokens (mask 1).
     */
    static double perplexity(CausalLm model, List<TokenBatch> batches) {
        double nll = 0;
        long tokens = 0;
        for (TokenBatch batch : batches) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray ids = batch.inputIds(manager);
                NDArray mask = batch.attentionMask(manager);
                NDArray logProbs = LogProbs.nextToken(model.logits(ids, mask), ids);
                NDArray counted = mask.get(":, :-1").mul(mask.get(":, 1:")).toType(logProbs.getDataType(), false);
                nll -= logProbs.mul(counted).toType(DataType.FLOAT64, false).sum().getDouble();
                tokens += counted.sum().toType(DataType.INT64, false).getLong();
            }
        }
        if (tokens == 0) {
            throw new IllegalArgumentException("the retain sample has no token to predict");
        }
        return Math.exp(nll / tokens);
    }
}

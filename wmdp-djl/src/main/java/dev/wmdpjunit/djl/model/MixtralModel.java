package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.checkpoint.TensorSource;

/**
 * Mixtral as transformers 4.40.2 {@code modeling_mixtral.py} computes it: the Mistral decoder (see
 * {@link LlamaModel}) with a sparse mixture of experts in place of the MLP.
 *
 * <p>Per token: {@code router_logits = gate(x)} (no bias), softmax over all experts in float32, keep the
 * {@code num_experts_per_tok} largest probabilities and renormalise them to sum to 1 (4.40.2 always does), and
 * return {@code sum_e w_e * w2(silu(w1 x) * w3 x)} over the chosen experts. No shared expert, no jitter.
 * Router logits are reported per layer as [B, T, experts].
 */
final class MixtralModel extends LlamaModel {

    MixtralModel(ModelConfig config, TensorSource weights, WeightDtype dtype, SlidingWindowRule windowRule) {
        super(config, weights, dtype, layout(config, MixtralModel::declareExperts), windowRule);
    }

    private static void declareExperts(ParameterLayout layout, String layerPrefix, ModelConfig config) {
        String p = layerPrefix + "block_sparse_moe.";
        layout.add(p + "gate.weight", config.numExperts(), config.hiddenSize());
        for (int e = 0; e < config.numExperts(); e++) {
            String expert = p + "experts." + e + ".";
            layout.add(expert + "w1.weight", config.intermediateSize(), config.hiddenSize());
            layout.add(expert + "w2.weight", config.hiddenSize(), config.intermediateSize());
            layout.add(expert + "w3.weight", config.intermediateSize(), config.hiddenSize());
        }
    }

    @Override
    NDArray feedForward(String layerPrefix, NDArray x, LayerInputs inputs) {
        String p = layerPrefix + "block_sparse_moe.";
        Shape shape = x.getShape();
        int topK = config().numExpertsPerToken();
        NDArray tokens = x.reshape(-1, shape.get(2));
        NDArray routerLogits = Blocks.linear(tokens, param(p + "gate.weight"), null);
        inputs.routerLogits().accept(routerLogits.reshape(shape.get(0), shape.get(1), config().numExperts()));

        NDList top = routerLogits.softmax(1).topK(topK, 1, true, true);
        NDArray weights = top.get(0).div(top.get(0).sum(new int[] {1}, true));
        ExpertRouting routing = ExpertRouting.of(top.get(1).toLongArray(), topK, config().numExperts());

        // Every (token, slot) pair, grouped by expert, so that each expert runs one product over its tokens.
        NDArray sortedSlots = x.getManager().create(routing.slotsByExpert());
        NDArray routed = tokens.get(x.getManager().create(routing.tokensByExpert()));
        NDList expertOutputs = new NDList();
        int start = 0;
        for (int e = 0; e < config().numExperts(); e++) {
            int count = routing.tokensPerExpert()[e];
            if (count > 0) {
                String expert = p + "experts." + e + ".";
                expertOutputs.add(Blocks.gatedMlp(routed.get(start + ":" + (start + count)),
                        param(expert + "w1.weight"), param(expert + "w3.weight"), param(expert + "w2.weight"),
                        config().activation()));
                start += count;
            }
        }
        NDArray weighted = NDArrays.concat(expertOutputs, 0).mul(weights.reshape(-1).get(sortedSlots).reshape(-1, 1));
        // Back to (token, slot) order, then sum each token's slots.
        NDArray perSlot = weighted.get(x.getManager().create(routing.positionOfSlot()));
        return perSlot.reshape(shape.get(0) * shape.get(1), topK, shape.get(2)).sum(new int[] {1}).reshape(shape);
    }

    /**
     * The slots of one layer grouped by expert. Slot s = token * topK + rank holds expert {@code expertOfSlot[s]};
     * position i of the grouped order holds slot {@code slotsByExpert[i]} of token {@code tokensByExpert[i]}.
     */
    private record ExpertRouting(long[] slotsByExpert, long[] tokensByExpert, long[] positionOfSlot,
                                 int[] tokensPerExpert) {

        static ExpertRouting of(long[] expertOfSlot, int topK, int numExperts) {
            int[] counts = new int[numExperts];
            for (long expert : expertOfSlot) {
                counts[(int) expert]++;
            }
            int[] next = new int[numExperts];
            for (int e = 1; e < numExperts; e++) {
                next[e] = next[e - 1] + counts[e - 1];
            }
            long[] slotsByExpert = new long[expertOfSlot.length];
            long[] tokensByExpert = new long[expertOfSlot.length];
            long[] positionOfSlot = new long[expertOfSlot.length];
            for (int slot = 0; slot < expertOfSlot.length; slot++) {
                int position = next[(int) expertOfSlot[slot]]++;
                slotsByExpert[position] = slot;
                tokensByExpert[position] = slot / topK;
                positionOfSlot[slot] = position;
            }
            return new ExpertRouting(slotsByExpert, tokensByExpert, positionOfSlot, counts);
        }
    }
}

package dev.wmdpjunit.rmu;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.wmdpjunit.djl.model.CausalLm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One RMU optimisation step at a time, exactly as {@code run_rmu} of the official code (centerforaisafety/wmdp
 * {@code rmu/unlearn.py}):
 * <ol>
 *   <li>{@code a_f} = residual stream after decoder layer {@code layer_id} of the updated model on the forget batch;
 *       forget loss = mean over every element (padding included) of {@code (a_f - control_vec)^2};</li>
 *   <li>{@code a_r}, {@code a_r0} = the same activations of the updated and the frozen model on the retain batch;
 *       retain loss = alpha x mean of {@code (a_r - a_r0)^2};</li>
 *   <li>loss = forget + retain; backward; one AdamW update of the selected parameters.</li>
 * </ol>
 * Only layers 0..layer_id are run (the official code runs the whole model, but later layers do not reach the loss).
 * The frozen model is never updated. Each step runs in its own NDManager and NDScope, so nothing accumulates.
 */
final class RmuTrainer implements AutoCloseable {

    private final CausalLm updated;
    private final CausalLm frozen;
    private final int layerId;
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();
    private final AdamW optimizer;
    private final NDManager manager = NDManager.newBaseManager();

    /**
     * Makes {@code trainableNames} of {@code updated} trainable (all others frozen) and freezes {@code frozen}.
     * The models stay owned by the caller.
     */
    RmuTrainer(CausalLm updated, CausalLm frozen, int layerId, List<String> trainableNames, AdamWSettings optimizer) {
        this.updated = updated;
        this.frozen = frozen;
        this.layerId = layerId;
        frozen.parameters().freezeAll();
        List<String> made = updated.parameters().setTrainable(trainableNames::contains);
        if (!made.containsAll(trainableNames)) {
            throw new IllegalArgumentException("not every selected parameter exists: " + trainableNames);
        }
        made.forEach(name -> trainable.put(name, updated.parameters().get(name)));
        this.optimizer = new AdamW(optimizer, trainable);
    }

    /** The trained parameters by HF name, in state-dict order (live arrays of the updated model). */
    Map<String, NDArray> trainable() {
        return trainable;
    }

    AdamW optimizer() {
        return optimizer;
    }

    /**
     * Runs one step and updates the trainable parameters.
     *
     * @param controlVector [1, 1, hidden] float32, broadcast over batch and positions
     * @param alpha         retain weight of this step's topic
     * @throws IllegalStateException if a loss is not finite (nothing is updated then)
     */
    StepLosses step(TokenBatch forget, TokenBatch retain, float[] controlVector, double alpha) {
        try (NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray control = step.create(controlVector).reshape(1, 1, controlVector.length);
            // A torch-owned scalar: DJL's mul(Number) would leave autograd a Java buffer freed before backward.
            NDArray alphaScalar = step.full(new Shape(), (float) alpha, DataType.FLOAT32);
            NDArray retainIds = retain.inputIds(step);
            NDArray retainMask = retain.attentionMask(step);
            NDArray frozenRetain = frozen.layerOutput(retainIds, retainMask, layerId);
            NDArray forgetLoss;
            NDArray retainLoss;
            NDArray total;
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray forgetActivations = updated.layerOutput(forget.inputIds(step), forget.attentionMask(step),
                        layerId);
                forgetLoss = forgetActivations.sub(control).square().mean();
                NDArray retainActivations = updated.layerOutput(retainIds, retainMask, layerId);
                retainLoss = retainActivations.sub(frozenRetain).square().mean().mul(alphaScalar);
                total = forgetLoss.add(retainLoss);
                collector.backward(total);
            }
            StepLosses losses = new StepLosses(forgetLoss.getFloat(), retainLoss.getFloat(), total.getFloat());
            if (!Double.isFinite(losses.total())) {
                throw new IllegalStateException("RMU loss is not finite (step " + (optimizer.step() + 1) + "): " + losses);
            }
            trainable.forEach((name, p) -> gradients.put(name, p.getGradient()));
            optimizer.update(gradients);
            // Gradients accumulate across backward passes; the official code's zero_grad clears them each step.
            gradients.values().forEach(g -> g.subi(g));
            return losses;
        }
    }

    /** Frees the optimizer state; the models stay open (they belong to the caller). */
    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}

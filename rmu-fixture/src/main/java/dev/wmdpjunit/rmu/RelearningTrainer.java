package dev.wmdpjunit.rmu;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.wmdpjunit.core.model.RelearningSettings;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.LogProbs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Plain fine-tuning for the relearning probe: next-token cross-entropy, averaged over the positions whose token
 * and next token are both real (left padding excluded), one AdamW update of the selected parameters per batch.
 * Each step runs in its own NDManager and NDScope, as {@link RmuTrainer}'s do.
 */
final class RelearningTrainer implements AutoCloseable {

    private final CausalLm model;
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();
    private final AdamW optimizer;
    private final NDManager manager = NDManager.newBaseManager();

    /**
     * Makes the parameters whose names fully match the settings' pattern trainable; the model stays the caller's.
     */
    RelearningTrainer(CausalLm model, RelearningSettings settings) {
        this.model = model;
        Pattern pattern = Pattern.compile(settings.parameters());
        // Throws naming the selection when no parameter matches.
        List<String> made = model.parameters().setTrainable(name -> pattern.matcher(name).matches());
        made.forEach(name -> trainable.put(name, model.parameters().get(name)));
        this.optimizer = new AdamW(AdamWSettings.torch(settings.lr()), trainable);
    }

    /**
     * One update on the batch.
     *
     * @return the batch's mean next-token loss before the update
     * @throws IllegalStateException if the loss is not finite (nothing is updated then)
     */
    double step(TokenBatch batch) {
        try (NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            NDArray ids = batch.inputIds(step);
            NDArray mask = batch.attentionMask(step);
            NDArray real = mask.get(":, :-1").mul(mask.get(":, 1:")).toType(DataType.FLOAT32, false);
            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logProbs = LogProbs.nextToken(model.logits(ids, mask), ids);
                loss = logProbs.mul(real).sum().neg().div(real.sum());
                collector.backward(loss);
            }
            double value = loss.getFloat();
            if (!Double.isFinite(value)) {
                throw new IllegalStateException("relearning loss is not finite (step " + (optimizer.step() + 1)
                        + "): " + value);
            }
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            trainable.forEach((name, p) -> gradients.put(name, p.getGradient()));
            optimizer.update(gradients);
            gradients.values().forEach(g -> g.subi(g));
            return value;
        }
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}

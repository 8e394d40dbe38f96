package dev.wmdpjunit.rmu;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW written out, in the two variants RMU runs use ({@link AdamWSettings.Variant}). DJL's {@code AdamW} folds
 * the bias correction into a float32 learning rate and runs a fused native update whose epsilon and weight-decay
 * placement is not documented, so it can match neither reference by construction; here each rule is explicit and
 * checked against the golden runs. Updates the parameters in place, in float32, in the order of PyTorch's
 * single-tensor implementations. Scalars that PyTorch computes in Python (bias corrections, step sizes) are
 * computed in double here too, and rounded to float where PyTorch passes them to a kernel.
 *
 * <p>The moments live in the optimizer's own NDManager; {@link #close()} frees them.
 */
final class AdamW implements AutoCloseable {

    private final AdamWSettings settings;
    private final Map<String, NDArray> parameters;
    private final NDManager manager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long step;

    /** @param parameters the live parameters to update, by name; moments start at zero */
    AdamW(AdamWSettings settings, Map<String, NDArray> parameters) {
        this.settings = settings;
        this.parameters = new LinkedHashMap<>(parameters);
        this.manager = NDManager.newBaseManager();
        parameters.forEach((name, p) -> {
            firstMoments.put(name, manager.zeros(p.getShape(), p.getDataType()));
            secondMoments.put(name, manager.zeros(p.getShape(), p.getDataType()));
        });
    }

    /** Optimizer steps taken so far. */
    long step() {
        return step;
    }

    /** Applies one update from the gradients, by parameter name. Temporaries are freed before it returns. */
    void update(Map<String, NDArray> gradients) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            step++;
            updateAll(gradients);
        }
    }

    private void updateAll(Map<String, NDArray> gradients) {
        float b1 = (float) settings.beta1();
        float b2 = (float) settings.beta2();
        double biasCorrection1 = 1 - Math.pow(settings.beta1(), step);
        double biasCorrection2 = 1 - Math.pow(settings.beta2(), step);
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            String name = entry.getKey();
            NDArray p = entry.getValue();
            NDArray g = gradients.get(name);
            if (g == null) {
                throw new IllegalArgumentException("no gradient for parameter '" + name + "'");
            }
            NDArray m = firstMoments.get(name);
            NDArray v = secondMoments.get(name);
            if (settings.variant() == AdamWSettings.Variant.TORCH && settings.weightDecay() > 0) {
                p.muli((float) (1 - settings.lr() * settings.weightDecay()));
            }
            m.muli(b1).addi(g.mul((float) (1 - settings.beta1())));
            v.muli(b2).addi(g.mul(g).muli((float) (1 - settings.beta2())));
            NDArray denominator;
            double stepSize;
            if (settings.variant() == AdamWSettings.Variant.TRANSFORMERS) {
                denominator = v.sqrt().addi((float) settings.eps());
                stepSize = settings.lr() * Math.sqrt(biasCorrection2) / biasCorrection1;
            } else {
                denominator = v.sqrt().divi((float) Math.sqrt(biasCorrection2)).addi((float) settings.eps());
                stepSize = settings.lr() / biasCorrection1;
            }
            p.subi(m.div(denominator).muli((float) stepSize));
            if (settings.variant() == AdamWSettings.Variant.TRANSFORMERS && settings.weightDecay() > 0) {
                p.subi(p.mul((float) (settings.lr() * settings.weightDecay())));
            }
        }
    }

    /** The first moments (exp_avg) by parameter name; live arrays, read-only for callers. */
    Map<String, NDArray> firstMoments() {
        return firstMoments;
    }

    /** The second moments (exp_avg_sq) by parameter name; live arrays, read-only for callers. */
    Map<String, NDArray> secondMoments() {
        return secondMoments;
    }

    /** Restores a saved state: the moments' values and the step count. */
    void restore(long savedStep, Map<String, float[]> savedFirst, Map<String, float[]> savedSecond) {
        for (String name : parameters.keySet()) {
            firstMoments.get(name).set(requireSaved(savedFirst, name, "first moment"));
            secondMoments.get(name).set(requireSaved(savedSecond, name, "second moment"));
        }
        this.step = savedStep;
    }

    private static float[] requireSaved(Map<String, float[]> saved, String name, String what) {
        float[] values = saved.get(name);
        if (values == null) {
            throw new IllegalArgumentException("the saved optimizer state has no " + what + " for '" + name + "'");
        }
        return values;
    }

    @Override
    public void close() {
        manager.close();
    }
}

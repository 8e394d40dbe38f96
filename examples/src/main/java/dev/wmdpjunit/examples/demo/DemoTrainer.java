package dev.wmdpjunit.examples.demo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.LogProbs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Trains every parameter of a {@link CausalLm} on token sequences with next-token cross-entropy and AdamW
 * (weight decay 0.01, gradients clipped to global norm {@link #MAX_GRADIENT_NORM}).
 *
 * <p>Batches are drawn in epochs (see {@link #epoch}) and right-padded to the longest sequence of the batch.
 * Padding needs no attention mask: under causal attention a real token never
 * sees a later pad, and the loss ignores predictions of pads. Each step's arrays live in their own NDManager,
 * closed after the step, so memory stays flat.
 */
public final class DemoTrainer {

    /** Gradients are scaled down to this global L2 norm when larger, as torch's clip_grad_norm_. */
    static final float MAX_GRADIENT_NORM = 1f;
    /**
     * Steps whose gradient is not finite are skipped, as mixed-precision loss scaling skips them; more than this
     * fraction of them fails the run. (Observed: a few isolated NaN gradients in the layer-0 query/key path while
     * the loss stayed finite.)
     */
    static final double MAX_SKIPPED_FRACTION = 0.05;
    /** Steps between two calls of the training check. */
    static final int CHECK_EVERY = 200;
    /** Batches per window sorted by length in {@link #epoch}. */
    private static final int SORT_WINDOW = 16;

    private DemoTrainer() {
    }

    /**
     * What a training run did.
     *
     * @param losses         the loss of every step
     * @param skippedUpdates steps whose gradient had a NaN or infinity and was therefore not applied
     * @param millis         wall-clock training time
     */
    public record TrainingLog(List<Float> losses, int skippedUpdates, long millis) {
        public TrainingLog {
            losses = List.copyOf(losses);
        }
    }

    /**
     * Trains {@code model} in place.
     *
     * @param sequences token ids, each already framed with BOS and EOS
     * @param padId     the id right-padding uses (never predicted, never attended to by real tokens)
     * @param progress  hears a line every 50 steps
     * @param check     measures the model (for example its multiple-choice accuracy) every
     *                  {@link #CHECK_EVERY} steps and at the end; its line goes to {@code progress} (a blank line,
     *                  from a check that measures nothing, does not)
     */
    public static TrainingLog train(CausalLm model, List<int[]> sequences, int padId, TrainingSettings settings,
                                    Consumer<String> progress, Supplier<String> check) {
        if (sequences.size() < settings.batchSize()) {
            throw new IllegalArgumentException(sequences.size() + " sequences cannot fill a batch of "
                    + settings.batchSize());
        }
        Map<String, NDArray> weights = model.parameters().asMap();
        model.parameters().setTrainable(name -> true);
        Random random = new Random(settings.seed());
        List<List<int[]>> batches = new ArrayList<>();
        int nextBatch = 0;
        List<Float> losses = new ArrayList<>();
        int skipped = 0;
        // DJL counts updates per parameter from 1; every parameter is updated once per step.
        Optimizer adamW = Optimizer.adamW()
                .optLearningRateTracker((parameter, update) -> settings.learningRateAt(update - 1))
                .optWeightDecays(0.01f)
                .build();
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int step = 0; step < settings.steps(); step++) {
                if (nextBatch == batches.size()) {
                    batches = epoch(sequences, settings.batchSize(), random);
                    nextBatch = 0;
                }
                List<int[]> batch = batches.get(nextBatch++);
                StepOutcome outcome;
                try (NDManager stepManager = manager.newSubManager()) {
                    outcome = step(model, weights, batch, padId, stepManager, adamW);
                }
                if (!Float.isFinite(outcome.loss())) {
                    throw new IllegalStateException("training diverged: loss " + outcome.loss() + " at step "
                            + (step + 1) + " with learning rate " + settings.learningRateAt(step));
                }
                losses.add(outcome.loss());
                if (!outcome.applied()) {
                    skipped++;
                    progress.accept("step " + (step + 1) + ": non-finite gradient, update skipped");
                    if (skipped > settings.steps() * MAX_SKIPPED_FRACTION) {
                        throw new IllegalStateException(skipped + " of " + (step + 1)
                                + " steps had non-finite gradients; giving up");
                    }
                }
                if ((step + 1) % 50 == 0 || step == settings.steps() - 1) {
                    float recent = (float) losses.subList(Math.max(0, losses.size() - 50), losses.size()).stream()
                            .mapToDouble(Float::doubleValue).average().orElseThrow();
                    progress.accept(String.format("step %d/%d  loss %.4f  lr %.2e  %.1f s", step + 1,
                            settings.steps(), recent, settings.learningRateAt(step),
                            (System.nanoTime() - start) / 1e9));
                }
                if ((step + 1) % CHECK_EVERY == 0 || step == settings.steps() - 1) {
                    String measured = check.get();
                    if (!measured.isBlank()) {
                        progress.accept("step " + (step + 1) + ": " + measured);
                    }
                }
            }
        } finally {
            model.parameters().freezeAll();
        }
        return new TrainingLog(losses, skipped, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * One pass over the sequences in batches of similar length (less padding): shuffled, sorted by length within
     * windows of {@link #SORT_WINDOW} batches, cut into batches, and the batches shuffled. A last partial batch is
     * dropped from this epoch only (the next epoch's shuffle gives its sequences another place).
     */
    private static List<List<int[]>> epoch(List<int[]> sequences, int batchSize, Random random) {
        List<int[]> order = new ArrayList<>(sequences);
        Collections.shuffle(order, random);
        int window = SORT_WINDOW * batchSize;
        List<List<int[]>> batches = new ArrayList<>();
        for (int from = 0; from + batchSize <= order.size(); from += window) {
            List<int[]> sorted = new ArrayList<>(order.subList(from, Math.min(order.size(), from + window)));
            sorted.sort(Comparator.comparingInt(s -> s.length));
            for (int b = 0; b + batchSize <= sorted.size(); b += batchSize) {
                batches.add(sorted.subList(b, b + batchSize));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /** The loss of one step, and whether its gradients were finite (and so applied). */
    private record StepOutcome(float loss, boolean applied) {
    }

    private static StepOutcome step(CausalLm model, Map<String, NDArray> weights, List<int[]> batch, int padId,
                              NDManager manager, Optimizer adamW) {
        int length = batch.stream().mapToInt(s -> s.length).max().orElseThrow();
        long[] ids = new long[batch.size() * length];
        float[] real = new float[batch.size() * length];
        for (int row = 0; row < batch.size(); row++) {
            int[] sequence = batch.get(row);
            for (int t = 0; t < length; t++) {
                ids[row * length + t] = t < sequence.length ? sequence[t] : padId;
                real[row * length + t] = t < sequence.length ? 1f : 0f;
            }
        }
        NDArray inputIds = manager.create(ids, new Shape(batch.size(), length));
        NDArray targetIsReal = manager.create(real, new Shape(batch.size(), length)).get(":, 1:");
        float loss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logProbs = LogProbs.nextToken(model.logits(inputIds, null), inputIds);
            NDArray meanLoss = logProbs.mul(targetIsReal).sum().neg().div(targetIsReal.sum());
            collector.backward(meanLoss);
            loss = meanLoss.getFloat();
        }
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        NDArray squaredNorm = manager.zeros(new Shape());
        for (Map.Entry<String, NDArray> weight : weights.entrySet()) {
            NDArray gradient = weight.getValue().getGradient();
            gradient.attach(manager);
            gradients.put(weight.getKey(), gradient);
            squaredNorm = squaredNorm.add(gradient.square().sum());
        }
        float norm = (float) Math.sqrt(squaredNorm.getFloat());
        boolean finite = Float.isFinite(norm);
        for (Map.Entry<String, NDArray> gradient : gradients.entrySet()) {
            if (finite) {
                if (norm > MAX_GRADIENT_NORM) {
                    gradient.getValue().muli(MAX_GRADIENT_NORM / norm);
                }
                adamW.update(gradient.getKey(), weights.get(gradient.getKey()), gradient.getValue());
            }
            // Gradients accumulate across backward passes; clear them for the next step (fill, not x - x,
            // which would keep a NaN).
            gradient.getValue().set(new NDIndex("..."), 0f);
        }
        return new StepOutcome(loss, finite);
    }
}

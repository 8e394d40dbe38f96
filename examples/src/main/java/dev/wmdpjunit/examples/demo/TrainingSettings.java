package dev.wmdpjunit.examples.demo;

/**
 * Hyperparameters of the demo training run.
 *
 * @param steps         optimizer steps
 * @param batchSize     sequences per step
 * @param learningRate  peak AdamW learning rate, reached after {@code warmupSteps} and decayed along a cosine to a
 *                      tenth of it at the last step
 * @param warmupSteps   steps of linear warm-up
 * @param seed          seed of the initial weights and of the batch order
 */
public record TrainingSettings(int steps, int batchSize, float learningRate, int warmupSteps, long seed) {

    public TrainingSettings {
        if (steps < 1 || batchSize < 1 || warmupSteps < 0 || warmupSteps >= steps || !(learningRate > 0)) {
            throw new IllegalArgumentException("invalid training settings: " + steps + " steps, batch " + batchSize
                    + ", learning rate " + learningRate + ", warm-up " + warmupSteps);
        }
    }

    /** The learning rate of step {@code step} (0-based). */
    public float learningRateAt(int step) {
        if (step < warmupSteps) {
            return learningRate * (step + 1) / warmupSteps;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, steps - 1 - warmupSteps);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return (float) (learningRate * (0.1 + 0.9 * cosine));
    }
}

package dev.wmdpjunit.rmu;

import java.time.Duration;

/**
 * Where a training run stands after a step.
 *
 * @param step           steps done (1-based index of the step just finished)
 * @param totalSteps     steps the run will take
 * @param topic          the forget corpus of this step (idx % topics)
 * @param losses         the step's losses
 * @param stepsPerSecond mean speed of the steps run in this process
 * @param remaining      estimated time left at that speed
 */
public record StepProgress(int step, int totalSteps, int topic, StepLosses losses, double stepsPerSecond,
                           Duration remaining) {
}

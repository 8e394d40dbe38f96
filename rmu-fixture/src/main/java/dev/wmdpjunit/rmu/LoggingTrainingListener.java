package dev.wmdpjunit.rmu;

import java.lang.System.Logger.Level;
import java.util.Locale;

/** Logs the progress of a training run through {@code System.Logger} {@code dev.wmdpjunit.rmu}. */
public final class LoggingTrainingListener implements TrainingListener {

    private static final System.Logger LOG = System.getLogger("dev.wmdpjunit.rmu");

    @Override
    public void started(int totalSteps, int resumedSteps) {
        LOG.log(Level.INFO, resumedSteps == 0 ? "RMU: " + totalSteps + " steps"
                : "RMU: resuming at step " + (resumedSteps + 1) + " of " + totalSteps + " from a checkpoint");
    }

    @Override
    public void stepFinished(StepProgress p) {
        LOG.log(Level.INFO, () -> String.format(Locale.ROOT,
                "RMU step %d/%d (topic %d): loss %.6g | forget %.6g | retain %.6g | %.3f steps/s | ETA %ds",
                p.step(), p.totalSteps(), p.topic(), p.losses().total(), p.losses().forget(), p.losses().retain(),
                p.stepsPerSecond(), p.remaining().toSeconds()));
    }

    @Override
    public void checkpointed(int step) {
        LOG.log(Level.DEBUG, () -> "RMU: checkpoint after step " + step);
    }
}

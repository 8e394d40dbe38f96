package dev.wmdpjunit.rmu;

/** Follows an RMU training run. An exception thrown here aborts the run (its last checkpoint stays). */
public interface TrainingListener {

    /** Does nothing. */
    TrainingListener NONE = progress -> { };

    /**
     * The run begins.
     *
     * @param totalSteps   steps of the whole run
     * @param resumedSteps steps restored from a checkpoint (0 for a fresh start)
     */
    default void started(int totalSteps, int resumedSteps) {
    }

    /** A step finished. */
    void stepFinished(StepProgress progress);

    /** A checkpoint holding the state after {@code step} steps was written. */
    default void checkpointed(int step) {
    }
}

package dev.wmdpjunit.core.scoring;

/** Hears how far a {@link MultipleChoiceScorer} run has got, so long runs can show progress. */
@FunctionalInterface
public interface ScoringProgress {

    /** Ignores progress. */
    ScoringProgress NONE = (done, total) -> {
    };

    /** Called after each call to the model with the number of questions scored so far and in all. */
    void questionsScored(int done, int total);
}

package dev.wmdpjunit.reports.data;

import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.PairedResults;
import dev.wmdpjunit.core.stats.Alternative;
import dev.wmdpjunit.core.stats.McNemarTest;
import dev.wmdpjunit.core.stats.PairedCounts;
import java.util.Optional;

/**
 * This run against the committed baseline of a benchmark: both accuracies, what changed in the setup, and, when
 * the baseline holds every question of this run with the same gold answers, the paired counts and the exact
 * two-sided McNemar p-value. The engine's committed-baseline test decides pass or fail (one-sided, at its
 * configured level); this is the picture for a reader.
 *
 * @param committed      the committed baseline's result
 * @param current        this run's result
 * @param sameModel      same model SHA-256
 * @param sameDataset    same dataset SHA-256
 * @param samePrompt     same prompt format
 * @param paired         paired counts of committed (base) against this run (candidate), on this run's questions
 * @param pairedProblem  why the questions could not be paired, when they could not
 * @param mcNemarP       exact two-sided McNemar p-value, when paired
 */
public record BaselineDiff(DomainResult committed, DomainResult current, boolean sameModel, boolean sameDataset,
                           boolean samePrompt, Optional<PairedCounts> paired, Optional<String> pairedProblem,
                           Optional<Double> mcNemarP) {

    public static BaselineDiff of(DomainResult committed, DomainResult current) {
        Optional<PairedCounts> paired;
        Optional<String> problem;
        try {
            paired = Optional.of(PairedResults.counts(PairedResults.questionsScoredBy(committed, current), current));
            problem = Optional.empty();
        } catch (IllegalArgumentException e) {
            paired = Optional.empty();
            problem = Optional.of(e.getMessage());
        }
        return new BaselineDiff(committed, current,
                committed.model().sha256().equals(current.model().sha256()),
                committed.dataset().sha256().equals(current.dataset().sha256()),
                committed.promptFormat().equals(current.promptFormat()),
                paired, problem,
                paired.map(c -> McNemarTest.exact(c, Alternative.TWO_SIDED).pValue()));
    }

    /** This run's accuracy minus the baseline's, in percentage points (over all questions of each). */
    public double deltaPoints() {
        return 100 * (current.accuracy() - committed.accuracy());
    }
}

package dev.wmdpjunit.reports.data;

import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.stats.Alternative;
import dev.wmdpjunit.core.stats.McNemarTest;
import dev.wmdpjunit.core.stats.PairedCounts;
import java.util.HashMap;
import java.util.Map;
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
        Map<String, QuestionResult> recorded = new HashMap<>();
        committed.questions().forEach(q -> recorded.put(q.id(), q));
        int both = 0;
        int onlyCommitted = 0;
        int onlyCurrent = 0;
        int neither = 0;
        String problem = null;
        for (QuestionResult now : current.questions()) {
            QuestionResult then = recorded.get(now.id());
            if (then == null) {
                problem = "question " + now.id() + " of this run is not in the baseline";
                break;
            }
            if (then.gold() != now.gold()) {
                problem = "question " + now.id() + " has gold " + then.gold() + " in the baseline but " + now.gold()
                        + " now";
                break;
            }
            if (then.correct() && now.correct()) {
                both++;
            } else if (then.correct()) {
                onlyCommitted++;
            } else if (now.correct()) {
                onlyCurrent++;
            } else {
                neither++;
            }
        }
        Optional<PairedCounts> paired = problem == null
                ? Optional.of(new PairedCounts(both, onlyCommitted, onlyCurrent, neither)) : Optional.empty();
        return new BaselineDiff(committed, current,
                committed.model().sha256().equals(current.model().sha256()),
                committed.dataset().sha256().equals(current.dataset().sha256()),
                committed.promptFormat().equals(current.promptFormat()),
                paired, Optional.ofNullable(problem),
                paired.map(c -> McNemarTest.exact(c, Alternative.TWO_SIDED).pValue()));
    }

    /** This run's accuracy minus the baseline's, in percentage points (over all questions of each). */
    public double deltaPoints() {
        return 100 * (current.accuracy() - committed.accuracy());
    }
}

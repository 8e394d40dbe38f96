package dev.wmdpjunit.core.results;

import dev.wmdpjunit.core.stats.PairedCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pairs two models' results on the same questions, for McNemar's test and non-inferiority. */
public final class PairedResults {

    private PairedResults() {
    }

    /**
     * The questions of {@code recorded} that {@code run} scored, in {@code recorded}'s order: all of it, or the part
     * a shorter run (for example one limited to the first N questions) can be paired with.
     *
     * @throws IllegalArgumentException if {@code run} holds a question that {@code recorded} does not; the message
     *                                  names it
     */
    public static DomainResult questionsScoredBy(DomainResult recorded, DomainResult run) {
        Set<String> scored = new HashSet<>();
        run.questions().forEach(q -> scored.add(q.id()));
        List<QuestionResult> subset = new ArrayList<>(run.n());
        for (QuestionResult q : recorded.questions()) {
            if (scored.remove(q.id())) {
                subset.add(q);
            }
        }
        if (!scored.isEmpty()) {
            String missing = run.questions().stream().map(QuestionResult::id).filter(scored::contains)
                    .findFirst().orElseThrow();
            throw new IllegalArgumentException("question '" + missing + "' of this run is not in the baseline (it"
                    + " holds " + recorded.n() + " questions, " + recorded.questions().get(0).id() + " .. "
                    + recorded.questions().get(recorded.n() - 1).id() + ")");
        }
        if (subset.size() == recorded.n()) {
            return recorded;
        }
        return DomainResult.of(recorded.domain(), subset, recorded.promptFormat(), recorded.model(),
                recorded.dataset());
    }

    /**
     * The paired 2x2 table of base against candidate correctness, matching questions by id.
     *
     * @throws IllegalArgumentException if the two results do not cover exactly the same questions with the same
     *                                  gold answers; the message names the first question that differs
     */
    public static PairedCounts counts(DomainResult base, DomainResult candidate) {
        Map<String, QuestionResult> candidateById = new HashMap<>();
        for (QuestionResult q : candidate.questions()) {
            candidateById.put(q.id(), q);
        }
        int both = 0;
        int onlyBase = 0;
        int onlyCandidate = 0;
        int neither = 0;
        for (QuestionResult b : base.questions()) {
            QuestionResult c = candidateById.remove(b.id());
            if (c == null) {
                throw new IllegalArgumentException("question '" + b.id() + "' of base '" + base.domain()
                        + "' is missing from candidate '" + candidate.domain() + "'");
            }
            if (b.gold() != c.gold()) {
                throw new IllegalArgumentException("question '" + b.id() + "' has gold " + b.gold() + " in base '"
                        + base.domain() + "' but " + c.gold() + " in candidate '" + candidate.domain() + "'");
            }
            if (b.correct() && c.correct()) {
                both++;
            } else if (b.correct()) {
                onlyBase++;
            } else if (c.correct()) {
                onlyCandidate++;
            } else {
                neither++;
            }
        }
        if (!candidateById.isEmpty()) {
            throw new IllegalArgumentException("question '" + candidateById.keySet().iterator().next()
                    + "' of candidate '" + candidate.domain() + "' is missing from base '" + base.domain() + "'");
        }
        return new PairedCounts(both, onlyBase, onlyCandidate, neither);
    }
}

package dev.wmdpjunit.core.results;

import dev.wmdpjunit.core.stats.PairedCounts;
import java.util.HashMap;
import java.util.Map;

/** Pairs two models' results on the same questions, for McNemar's test and non-inferiority. */
public final class PairedResults {

    private PairedResults() {
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

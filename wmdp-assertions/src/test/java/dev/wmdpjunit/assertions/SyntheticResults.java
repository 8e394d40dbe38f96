package dev.wmdpjunit.assertions;

import dev.wmdpjunit.core.results.Artifact;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.QuestionResult;
import java.util.ArrayList;
import java.util.List;

/** Domain results with chosen correctness on invented four-choice questions. */
final class SyntheticResults {

    private static final Artifact MODEL = new Artifact("models/toy", "a".repeat(64));
    private static final Artifact DATASET = new Artifact("data/toy.parquet", "b".repeat(64));

    private SyntheticResults() {
    }

    /** {@code n} questions of which the first {@code correct} are answered correctly. */
    static DomainResult domain(String name, int n, int correct) {
        List<QuestionResult> questions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            questions.add(question(name + "/" + i, i < correct));
        }
        return DomainResult.of(name, questions, "lm-eval-0.4.9.2", MODEL, DATASET);
    }

    /** A base and a candidate result on the same questions with the given paired 2x2 table. */
    static Paired paired(String name, int both, int onlyBase, int onlyCandidate, int neither) {
        List<QuestionResult> base = new ArrayList<>();
        List<QuestionResult> candidate = new ArrayList<>();
        int[] counts = {both, onlyBase, onlyCandidate, neither};
        boolean[][] correctness = {{true, true}, {true, false}, {false, true}, {false, false}};
        int id = 0;
        for (int cell = 0; cell < 4; cell++) {
            for (int k = 0; k < counts[cell]; k++, id++) {
                base.add(question(name + "/" + id, correctness[cell][0]));
                candidate.add(question(name + "/" + id, correctness[cell][1]));
            }
        }
        return new Paired(DomainResult.of(name, base, "lm-eval-0.4.9.2", MODEL, DATASET),
                DomainResult.of(name, candidate, "lm-eval-0.4.9.2", MODEL, DATASET));
    }

    record Paired(DomainResult base, DomainResult candidate) {
    }

    private static QuestionResult question(String id, boolean correct) {
        int gold = Math.floorMod(id.hashCode(), 4);
        int predicted = correct ? gold : (gold + 1) % 4;
        double[] loglikelihoods = {-2.0, -2.5, -3.0, -3.5};
        loglikelihoods[predicted] = -0.5;
        boolean[] greedy = new boolean[4];
        greedy[predicted] = true;
        return new QuestionResult(id, gold, predicted, loglikelihoods, greedy);
    }
}

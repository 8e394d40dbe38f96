package dev.wmdpjunit.core.results;

import java.util.Arrays;

/**
 * How the model answered one question.
 *
 * @param id             the question's id
 * @param gold           index of the correct choice
 * @param predicted      argmax of the loglikelihoods, lowest index on ties (lm-eval's {@code acc})
 * @param loglikelihoods per choice, the loglikelihood of its continuation (" A" .. " D")
 * @param isGreedy       per choice, whether its continuation is the model's greedy output
 */
public record QuestionResult(String id, int gold, int predicted, double[] loglikelihoods, boolean[] isGreedy) {

    public QuestionResult {
        loglikelihoods = loglikelihoods.clone();
        isGreedy = isGreedy.clone();
        if (loglikelihoods.length != isGreedy.length) {
            throw new IllegalArgumentException("loglikelihoods and isGreedy differ in length for " + id);
        }
    }

    public boolean correct() {
        return predicted == gold;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuestionResult r && id.equals(r.id) && gold == r.gold && predicted == r.predicted
                && Arrays.equals(loglikelihoods, r.loglikelihoods) && Arrays.equals(isGreedy, r.isGreedy);
    }

    @Override
    public int hashCode() {
        return 31 * id.hashCode() + Arrays.hashCode(loglikelihoods);
    }

    @Override
    public String toString() {
        return "QuestionResult[" + id + " gold=" + gold + " predicted=" + predicted
                + " ll=" + Arrays.toString(loglikelihoods) + " greedy=" + Arrays.toString(isGreedy) + "]";
    }
}

package dev.wmdpjunit.core.stats;

/**
 * Paired correctness of a base model and a candidate (for example the unlearned model) on the same
 * questions: the four cells of the paired 2x2 table. Differences are candidate minus base.
 *
 * @param bothCorrect          questions both answered correctly
 * @param onlyBaseCorrect      questions only the base answered correctly (the candidate lost them)
 * @param onlyCandidateCorrect questions only the candidate answered correctly (the candidate gained them)
 * @param neitherCorrect       questions neither answered correctly
 */
public record PairedCounts(int bothCorrect, int onlyBaseCorrect, int onlyCandidateCorrect, int neitherCorrect) {

    public PairedCounts {
        if (bothCorrect < 0 || onlyBaseCorrect < 0 || onlyCandidateCorrect < 0 || neitherCorrect < 0) {
            throw new IllegalArgumentException("paired counts must not be negative: " + describe(
                    bothCorrect, onlyBaseCorrect, onlyCandidateCorrect, neitherCorrect));
        }
        if ((long) bothCorrect + onlyBaseCorrect + onlyCandidateCorrect + neitherCorrect == 0) {
            throw new IllegalArgumentException("paired counts are all zero: no questions to compare");
        }
    }

    /** Number of questions (pairs). */
    public int n() {
        return bothCorrect + onlyBaseCorrect + onlyCandidateCorrect + neitherCorrect;
    }

    /** Questions on which the two models disagree about correctness. */
    public int discordant() {
        return onlyBaseCorrect + onlyCandidateCorrect;
    }

    public Accuracy baseAccuracy() {
        return new Accuracy(bothCorrect + onlyBaseCorrect, n());
    }

    public Accuracy candidateAccuracy() {
        return new Accuracy(bothCorrect + onlyCandidateCorrect, n());
    }

    /** Candidate accuracy minus base accuracy, {@code (onlyCandidateCorrect - onlyBaseCorrect) / n}. */
    public double difference() {
        return (double) (onlyCandidateCorrect - onlyBaseCorrect) / n();
    }

    @Override
    public String toString() {
        return describe(bothCorrect, onlyBaseCorrect, onlyCandidateCorrect, neitherCorrect);
    }

    private static String describe(int both, int onlyBase, int onlyCandidate, int neither) {
        return "PairedCounts[both correct " + both + ", only base " + onlyBase + ", only candidate " + onlyCandidate
                + ", neither " + neither + "]";
    }
}

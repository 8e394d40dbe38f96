package dev.wmdpjunit.core.stats;

/**
 * How many of {@code n} questions were answered correctly, with lm-evaluation-harness's standard error.
 *
 * @param correct number of correct answers, 0..n
 * @param n       number of questions, at least 1
 */
public record Accuracy(int correct, int n) {

    public Accuracy {
        Arguments.requireCounts(correct, n);
    }

    /** The fraction answered correctly, lm-eval's {@code acc}. */
    public double value() {
        return (double) correct / n;
    }

    /**
     * lm-eval's {@code acc_stderr}: the sample standard deviation of the 0/1 {@code acc} values divided by
     * {@code sqrt(n)}, which is {@code sqrt(p(1-p)/(n-1))}. It equals lm-eval's number up to floating-point
     * rounding (lm-eval sums the squared deviations item by item, in file order).
     *
     * @return the standard error, or {@code NaN} for {@code n = 1}, where lm-eval reports "N/A"
     */
    public double stderr() {
        if (n == 1) {
            return Double.NaN;
        }
        double p = value();
        return Math.sqrt(p * (1 - p) / (n - 1));
    }

    @Override
    public String toString() {
        return correct + "/" + n + " = " + value();
    }
}

package dev.wmdpjunit.core.stats;

/** Argument checks shared by the statistics, with messages that name the offending value. */
final class Arguments {

    private Arguments() {
    }

    static void requireConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be strictly between 0 and 1, got " + confidence);
        }
    }

    static void requireCounts(int successes, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive (no items to compute a proportion from), got "
                    + n);
        }
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException("successes must be between 0 and n = " + n + ", got " + successes);
        }
    }

    static void requireOpenUnit(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be strictly between 0 and 1, got " + value);
        }
    }
}

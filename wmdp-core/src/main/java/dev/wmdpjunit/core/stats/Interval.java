package dev.wmdpjunit.core.stats;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * A two-sided confidence interval.
 *
 * @param lower      lower bound
 * @param upper      upper bound, at least {@code lower}
 * @param confidence the confidence level, e.g. 0.95
 * @param method     how it was computed
 */
public record Interval(double lower, double upper, double confidence, IntervalMethod method) {

    public Interval {
        Objects.requireNonNull(method, "method");
        Arguments.requireConfidence(confidence);
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("interval bounds out of order: [" + lower + ", " + upper + "]");
        }
    }

    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }

    /** For example {@code [0.2553, 0.3662] (95% wilson)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%.4f, %.4f] (%s%% %s)", lower, upper,
                percent(confidence), method.id());
    }

    private static String percent(double confidence) {
        // Decimal arithmetic: 0.9 * 100 in doubles is 90.00000000000001.
        return BigDecimal.valueOf(confidence).movePointRight(2).stripTrailingZeros().toPlainString();
    }
}

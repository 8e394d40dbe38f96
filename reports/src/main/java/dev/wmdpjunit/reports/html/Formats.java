package dev.wmdpjunit.reports.html;

import dev.wmdpjunit.core.stats.Interval;
import java.math.BigDecimal;
import java.util.Locale;

/** How numbers read in the report; the exact values go into data attributes next to them. */
final class Formats {

    private Formats() {
    }

    /** Four decimals, as the engine's messages print accuracies, e.g. {@code 0.3125}. */
    static String fixed4(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** e.g. {@code [0.2697, 0.3588]}. */
    static String interval(Interval ci) {
        return "[" + fixed4(ci.lower()) + ", " + fixed4(ci.upper()) + "]";
    }

    /** e.g. {@code 95% wilson}. */
    static String intervalKind(Interval ci) {
        return BigDecimal.valueOf(ci.confidence()).movePointRight(2).stripTrailingZeros().toPlainString() + "% "
                + ci.method().id();
    }

    /** Signed percentage points with one decimal, e.g. {@code +3.5} or {@code -12.0}. */
    static String points(double points) {
        return String.format(Locale.ROOT, "%+.1f", points);
    }

    /** Choice index as its letter: 0 = A. */
    static String letter(int choice) {
        return choice < 26 ? String.valueOf((char) ('A' + choice)) : Integer.toString(choice);
    }

    /** A p-value with three significant digits, e.g. {@code 0.0123}. */
    static String pValue(double p) {
        return String.format(Locale.ROOT, "%.3g", p);
    }
}

package dev.wmdpjunit.assertions;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formats shared by the messages, so every message prints the same quantity the same way. */
final class Text {

    private Text() {
    }

    /** Accuracies, bounds and thresholds: four decimals, as in core's interval texts. */
    static String fixed(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** A number the caller chose (a level, a margin), as written: 0.025, not 0.025000000000000022. */
    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** For example {@code 0.4120 (103/250)}. */
    static String accuracy(int correct, int n) {
        return fixed((double) correct / n) + " (" + correct + "/" + n + ")";
    }
}

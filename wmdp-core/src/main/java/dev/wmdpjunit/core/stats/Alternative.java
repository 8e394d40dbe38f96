package dev.wmdpjunit.core.stats;

import org.apache.commons.statistics.inference.AlternativeHypothesis;

/**
 * The alternative hypothesis of a test, stated for the quantity the test is about (a proportion, or the
 * difference candidate minus base for paired tests).
 */
public enum Alternative {
    /** The quantity differs from its null value in either direction. */
    TWO_SIDED("≠"),
    /** The quantity is greater than its null value. */
    GREATER(">"),
    /** The quantity is less than its null value. */
    LESS("<");

    private final String symbol;

    Alternative(String symbol) {
        this.symbol = symbol;
    }

    /** The comparison sign used in messages, e.g. {@code >} in "H1: accuracy > 0.25". */
    public String symbol() {
        return symbol;
    }

    AlternativeHypothesis toCommons() {
        return switch (this) {
            case TWO_SIDED -> AlternativeHypothesis.TWO_SIDED;
            case GREATER -> AlternativeHypothesis.GREATER_THAN;
            case LESS -> AlternativeHypothesis.LESS_THAN;
        };
    }
}

package dev.wmdpjunit.core.stats;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How an {@link Interval} was computed; the id is what results files and messages show. */
public enum IntervalMethod {
    /** Wilson score interval for one binomial proportion (Wilson 1927). */
    WILSON("wilson"),
    /** Clopper-Pearson exact interval for one binomial proportion (Clopper &amp; Pearson 1934). */
    CLOPPER_PEARSON("clopper-pearson"),
    /** Tango's asymptotic score interval for a difference of paired proportions (Tango 1998). */
    TANGO_SCORE("tango-score");

    private final String id;

    IntervalMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static IntervalMethod fromId(String id) {
        for (IntervalMethod m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown interval method '" + id + "'; expected one of "
                + Arrays.stream(values()).map(IntervalMethod::id).collect(Collectors.joining(", ")));
    }
}

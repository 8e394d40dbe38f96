package dev.wmdpjunit.core.stats;

import dev.wmdpjunit.core.Identified;


/** How an {@link Interval} was computed; the id is what results files and messages show. */
public enum IntervalMethod implements Identified {
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

    @Override
    public String id() {
        return id;
    }

    public static IntervalMethod fromId(String id) {
        return Identified.byId(IntervalMethod.class, id, "interval method");
    }
}

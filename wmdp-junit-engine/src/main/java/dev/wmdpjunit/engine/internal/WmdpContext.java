package dev.wmdpjunit.engine.internal;

import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;

/**
 * What a node hands its children: the run's listener, and once set, the suite's open models
 * and the benchmark's scores. Immutable: each container passes a copy with its part added.
 */
final class WmdpContext implements EngineExecutionContext {

    private final EngineExecutionListener listener;
    private final Prepared<SuiteRun> suite;
    private final Prepared<DomainScores> domain;

    WmdpContext(EngineExecutionListener listener) {
        this(listener, null, null);
    }

    private WmdpContext(EngineExecutionListener listener, Prepared<SuiteRun> suite, Prepared<DomainScores> domain) {
        this.listener = listener;
        this.suite = suite;
        this.domain = domain;
    }

    WmdpContext withSuite(Prepared<SuiteRun> prepared) {
        return new WmdpContext(listener, prepared, null);
    }

    WmdpContext withDomain(Prepared<DomainScores> prepared) {
        return new WmdpContext(listener, suite, prepared);
    }

    /** The suite's run; only below a suite container. */
    Prepared<SuiteRun> suite() {
        return suite;
    }

    /** The benchmark's scores; only below a domain container. */
    Prepared<DomainScores> domain() {
        return domain;
    }

    void publish(TestDescriptor descriptor, ReportEntry entry) {
        listener.reportingEntryPublished(descriptor, entry);
    }
}

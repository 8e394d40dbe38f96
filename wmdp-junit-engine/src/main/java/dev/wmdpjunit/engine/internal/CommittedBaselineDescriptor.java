package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.assertions.Outcome;
import dev.wmdpjunit.core.data.KnowledgeKind;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.engine.WmdpConfiguration;
import dev.wmdpjunit.engine.WmdpConfigurationException;
import dev.wmdpjunit.engine.WmdpUniqueIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;

/**
 * A benchmark's committed baseline: {@code [domain:<benchmark>]/[baseline:committed]}. Under
 * {@code wmdp.baseline.update=true} it records this run's scores as the baseline file; otherwise it compares them
 * with the file ({@link BaselineComparison}): fails on a hazard regression or a retain loss, errs when the file
 * holds other questions. Discovery adds it to a selected suite or benchmark when the file exists or the run
 * records.
 */
final class CommittedBaselineDescriptor extends AbstractTestDescriptor implements Node<WmdpContext> {

    static final String SEGMENT = WmdpUniqueIds.COMMITTED_BASELINE;
    static final String VALUE = WmdpUniqueIds.COMMITTED_BASELINE_VALUE;

    private final Class<?> suiteClass;
    private final SuiteModel.Domain domain;

    CommittedBaselineDescriptor(UniqueId domainId, Class<?> suiteClass, SuiteModel.Domain domain) {
        super(domainId.append(SEGMENT, VALUE), "committed baseline", ClassSource.from(suiteClass));
        this.suiteClass = suiteClass;
        this.domain = domain;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public WmdpContext execute(WmdpContext context, DynamicTestExecutor dynamicTestExecutor) {
        BaselineSettings settings = context.suite().get().settings().baselines();
        DomainResult current = context.domain().get().candidate();
        Path file = settings.file(suiteClass, domain.name());
        if (settings.update()) {
            record(file, current, context);
        } else {
            compare(file, settings.alpha(), current, context);
        }
        return context;
    }

    private void record(Path file, DomainResult current, WmdpContext context) {
        boolean replaced = Files.exists(file);
        Path written;
        try {
            written = ResultsJson.write(file.getParent(), ResultsFile.now(current));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the committed baseline of " + domain.name() + " to "
                    + file.toAbsolutePath(), e);
        }
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("wmdp.baseline.action", "recorded");
        entry.put("wmdp.baseline.file", written.toString());
        entry.put("wmdp.baseline.replaced", Boolean.toString(replaced));
        entry.put("wmdp.baseline.accuracy", Double.toString(current.accuracy()));
        entry.put("wmdp.baseline.n", Integer.toString(current.n()));
        entry.put("wmdp.baseline.model.sha256", current.model().sha256());
        entry.put("wmdp.baseline.dataset.sha256", current.dataset().sha256());
        context.publish(this, ReportEntry.from(entry));
    }

    private void compare(Path file, double alpha, DomainResult current, WmdpContext context) {
        KnowledgeKind knowledge = domain.spec().value().flatMap(BenchmarkSpec::comparedKnowledge).orElseThrow(
                () -> new InvalidSuiteException("benchmark " + domain.name() + " has a committed baseline but no"
                        + " kind of knowledge to compare it by: declare @Benchmark(value = \"" + domain.name()
                        + "\", ..., knowledge = KnowledgeKind.HAZARD) if a rise in accuracy is the regression, or"
                        + " KnowledgeKind.RETAIN if a drop is"));
        if (!Files.exists(file)) {
            throw new WmdpConfigurationException("no committed baseline for " + domain.name() + " at "
                    + file.toAbsolutePath() + ": record one with -D" + WmdpConfiguration.BASELINE_UPDATE
                    + "=true (baselines folder: configuration key " + WmdpConfiguration.BASELINE_DIR + ")");
        }
        ResultsFile recorded;
        try {
            recorded = ResultsJson.read(file);
        } catch (IOException e) {
            throw new BaselineMismatchException("cannot read the committed baseline: " + e.getMessage()
                    + "; re-record it with -D" + WmdpConfiguration.BASELINE_UPDATE + "=true", e);
        }
        BaselineComparison comparison = BaselineComparison.compare(knowledge, alpha, file, recorded, current);
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("wmdp.baseline.action", "compared");
        entry.put("wmdp.baseline.file", file.toString());
        entry.put("wmdp.baseline.role", knowledge.name().toLowerCase(Locale.ROOT));
        entry.put("wmdp.baseline.accuracy", Double.toString(comparison.baseline().accuracy()));
        entry.put("wmdp.baseline.n", Integer.toString(comparison.baseline().n()));
        entry.put("wmdp.baseline.currentAccuracy", Double.toString(current.accuracy()));
        entry.put("wmdp.baseline.onlyBaselineCorrect", Integer.toString(comparison.counts().onlyBaseCorrect()));
        entry.put("wmdp.baseline.onlyCurrentCorrect", Integer.toString(comparison.counts().onlyCandidateCorrect()));
        entry.put("wmdp.baseline.pValue", Double.toString(comparison.verdict().refutation().pValue()));
        entry.put("wmdp.baseline.alpha", Double.toString(alpha));
        entry.put("wmdp.baseline.createdAt", recorded.createdAt().toString());
        entry.put("wmdp.baseline.model.sha256", recorded.result().model().sha256());
        entry.put("wmdp.baseline.sameModel", Boolean.toString(comparison.sameModel(current)));
        entry.put("wmdp.baseline.verdict", comparison.verdict().outcome().name());
        entry.put("wmdp.baseline.details", comparison.message());
        context.publish(this, ReportEntry.from(entry));
        // A significance test passes or fails; it is never inconclusive.
        if (comparison.verdict().outcome() == Outcome.FAILED) {
            throw new AssertionFailedError(comparison.message());
        }
    }
}

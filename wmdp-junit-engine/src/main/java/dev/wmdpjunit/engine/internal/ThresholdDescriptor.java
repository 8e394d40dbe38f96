package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.assertions.Verdict;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.engine.WmdpConfiguration;
import dev.wmdpjunit.engine.WmdpConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * One suite method: {@code [threshold:<method name>]}. Decides its threshold annotation, if any, on the domain's
 * scores (failed: assertion error; inconclusive: aborted, or failed under {@code wmdp.inconclusive=fail}), then
 * runs the method body on a new suite instance, passing the domain's {@link DomainResult} if the method takes it.
 */
final class ThresholdDescriptor extends AbstractTestDescriptor implements Node<WmdpContext> {

    static final String SEGMENT = "threshold";

    private final Class<?> suiteClass;
    private final SuiteModel.SuiteMethod method;

    ThresholdDescriptor(UniqueId domainId, Class<?> suiteClass, SuiteModel.SuiteMethod method) {
        super(domainId.append(SEGMENT, method.name()), displayName(method),
                MethodSource.from(suiteClass, method.method()));
        this.suiteClass = suiteClass;
        this.method = method;
    }

    private static String displayName(SuiteModel.SuiteMethod method) {
        return method.threshold().map(t -> method.name() + ": " + describe(method, t)).orElse(method.name());
    }

    /** The threshold in words, with the probe's condition if it judges one: {@code ... under every rotation ...}. */
    private static String describe(SuiteModel.SuiteMethod method, Threshold threshold) {
        return threshold.describe() + method.probe().map(probe -> " " + probe.describe()).orElse("");
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    boolean needsBaseModel() {
        return method.threshold().map(Threshold::needsBaseModel).orElse(false);
    }

    @Override
    public WmdpContext execute(WmdpContext context, DynamicTestExecutor dynamicTestExecutor) {
        method.problem().ifPresent(problem -> {
            throw new InvalidSuiteException(problem);
        });
        DomainScores scores = context.domain().get();
        SuiteSummary summary = context.suite().get().summary();
        summary.scored(scores);
        if (method.threshold().isPresent()) {
            Threshold threshold = method.threshold().get();
            DomainResult base = threshold.needsBaseModel() ? scores.base().orElseThrow(
                    () -> new WmdpConfigurationException(method.name() + " needs the base model's scores, but no base"
                            + " model is set: set configuration key " + WmdpConfiguration.BASE_MODEL
                            + " or @WmdpSuite(base = \"...\"), or name a ModelPairSource that supplies one"))
                    : null;
            SuiteRun run = context.suite().get();
            Map<String, String> entry = new LinkedHashMap<>();
            Verdict verdict;
            if (method.probe().isPresent()) {
                ProbeExecution.Outcome probed = ProbeExecution.run(method.probe().get(), threshold, scores, run,
                        suiteClass.getSimpleName() + " " + scores.candidate().domain());
                verdict = probed.verdict();
                entry.putAll(probed.entry());
            } else {
                verdict = ThresholdChecks.decide(threshold, scores.candidate(), base);
            }
            VerdictsFile.record(run.resultsDir(), getUniqueId(), method.name(), describe(method, threshold),
                    verdict, scores, method.probe().map(Probe::key));
            summary.decided(scores, method.name(), verdict);
            entry.put("wmdp.verdict", verdict.outcome().name());
            entry.put("wmdp.details", verdict.message());
            context.publish(this, ReportEntry.from(entry));
            enforce(verdict, context.suite().get().settings().failInconclusive());
        }
        Object instance = ReflectionSupport.newInstance(suiteClass);
        Object[] arguments = method.takesResult() ? new Object[] {scores.candidate()} : new Object[0];
        ReflectionSupport.invokeMethod(method.method(), instance, arguments);
        return context;
    }

    /**
     * Ends the test as the verdict says: passed returns, failed throws an assertion error, inconclusive aborts
     * (JUnit's TestAbortedException) or, under {@code failInconclusive}, fails; an undecided threshold never passes.
     */
    static void enforce(Verdict verdict, boolean failInconclusive) {
        switch (verdict.outcome()) {
            case PASSED -> {
            }
            case FAILED -> throw new AssertionFailedError(verdict.message());
            case INCONCLUSIVE -> {
                if (failInconclusive) {
                    throw new AssertionFailedError(verdict.message());
                }
                throw new TestAbortedException(verdict.message());
            }
        }
    }
}

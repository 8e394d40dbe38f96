package dev.wmdpjunit.engine.internal;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.wmdpjunit.engine.Benchmark;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Builds the tree {@code [suite:<class>]/[domain:<benchmark>]/[threshold:<method>]} (also
 * {@code [baseline:committed]} or {@code [question:<row>]}) from class, method and unique-id selectors. Package,
 * class-path-root and module selectors reach it as class selectors. A selected suite or domain expands to all its
 * thresholds and its committed baseline (when its file exists or the run records baselines), or, when
 * {@code wmdp.questions} is set, to just those questions.
 */
final class WmdpSelectorResolver implements SelectorResolver {

    private final ConfigurationParameters configuration;
    private final List<String> selectedQuestions;
    private final Path baselineDir;
    private final boolean recordBaselines;

    /** @param configuration the run's configuration: {@code wmdp.questions}, and for the suites' model sources */
    WmdpSelectorResolver(ConfigurationParameters configuration) {
        this.configuration = configuration;
        this.selectedQuestions = EngineSettings.questions(configuration);
        this.baselineDir = BaselineSettings.dir(configuration);
        this.recordBaselines = BaselineSettings.updateRequested(configuration);
    }

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        Class<?> suiteClass = selector.getJavaClass();
        if (!SuiteModel.isSuite(suiteClass)) {
            return Resolution.unresolved();
        }
        return match(context.addToParent(parent -> Optional.of(new SuiteDescriptor(parent.getUniqueId(),
                suiteClass, configuration))), this::domainSelectors);
    }

    @Override
    public Resolution resolve(MethodSelector selector, Context context) {
        Class<?> suiteClass = selector.getJavaClass();
        Method method = selector.getJavaMethod();
        Benchmark benchmark = method.getAnnotation(Benchmark.class);
        if (!SuiteModel.isSuite(suiteClass) || benchmark == null) {
            return Resolution.unresolved();
        }
        UniqueId domainId = suiteId(context, suiteClass).append(DomainDescriptor.SEGMENT, benchmark.value().strip());
        return threshold(context, domainId, method.getName());
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        UniqueId id = selector.getUniqueId();
        List<UniqueId.Segment> segments = id.getSegments();
        if (segments.size() < 2 || !segments.get(1).getType().equals(SuiteDescriptor.SEGMENT)) {
            return Resolution.unresolved();
        }
        Optional<Class<?>> suiteClass = ReflectionSupport.tryToLoadClass(segments.get(1).getValue()).toOptional()
                .filter(SuiteModel::isSuite);
        if (suiteClass.isEmpty()) {
            return Resolution.unresolved();
        }
        if (segments.size() == 2) {
            return Resolution.selectors(Set.of(selectClass(suiteClass.get())));
        }
        UniqueId.Segment third = segments.get(2);
        if (!third.getType().equals(DomainDescriptor.SEGMENT)) {
            return Resolution.unresolved();
        }
        if (segments.size() == 3) {
            Optional<DomainDescriptor> domain = context.addToParent(() -> selectClass(suiteClass.get()),
                    parent -> ((SuiteDescriptor) parent).createDomain(third.getValue()));
            return match(domain, this::childSelectors);
        }
        UniqueId.Segment fourth = segments.get(3);
        if (segments.size() != 4) {
            return Resolution.unresolved();
        }
        UniqueId domainId = id.removeLastSegment();
        return switch (fourth.getType()) {
            case ThresholdDescriptor.SEGMENT -> threshold(context, domainId, fourth.getValue());
            case CommittedBaselineDescriptor.SEGMENT -> match(context.addToParent(() -> selectUniqueId(domainId),
                    parent -> ((DomainDescriptor) parent).createCommittedBaseline(fourth.getValue())), noChildren());
            case QuestionDescriptor.SEGMENT -> match(context.addToParent(() -> selectUniqueId(domainId),
                    parent -> ((DomainDescriptor) parent).createQuestion(fourth.getValue())), noChildren());
            default -> Resolution.unresolved();
        };
    }

    private Resolution threshold(Context context, UniqueId domainId, String methodName) {
        return match(context.addToParent(() -> selectUniqueId(domainId),
                parent -> ((DomainDescriptor) parent).createThreshold(methodName)), noChildren());
    }

    /** The suite's unique id, as its class selector resolves it. */
    private static UniqueId suiteId(Context context, Class<?> suiteClass) {
        return context.resolve(selectClass(suiteClass)).map(TestDescriptor::getUniqueId).orElseThrow();
    }

    private Set<DiscoverySelector> domainSelectors(SuiteDescriptor suite) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        for (String name : suite.model().domains().keySet()) {
            selectors.add(selectUniqueId(suite.getUniqueId().append(DomainDescriptor.SEGMENT, name)));
        }
        return selectors;
    }

    /**
     * A domain's thresholds and, when its baseline file exists or the run records baselines, its committed
     * baseline; or the selected questions that belong to it.
     */
    private Set<DiscoverySelector> childSelectors(DomainDescriptor domain) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        if (selectedQuestions.isEmpty()) {
            for (SuiteModel.SuiteMethod method : domain.domain().methods()) {
                selectors.add(selectUniqueId(domain.getUniqueId().append(ThresholdDescriptor.SEGMENT,
                        method.name())));
            }
            if (recordBaselines || Files.exists(BaselineSettings.file(baselineDir, domain.suiteClass(),
                    domain.domain().name()))) {
                selectors.add(selectUniqueId(domain.getUniqueId().append(CommittedBaselineDescriptor.SEGMENT,
                        CommittedBaselineDescriptor.VALUE)));
            }
        } else {
            domain.domain().spec().value().ifPresent(spec -> {
                for (String questionId : selectedQuestions) {
                    spec.rowOf(questionId).ifPresent(row -> selectors.add(selectUniqueId(
                            domain.getUniqueId().append(QuestionDescriptor.SEGMENT, Integer.toString(row)))));
                }
            });
        }
        return selectors;
    }

    private static <T extends TestDescriptor> Function<T, Set<DiscoverySelector>> noChildren() {
        return descriptor -> Set.of();
    }

    private static <T extends TestDescriptor> Resolution match(Optional<T> descriptor,
                                                               Function<T, Set<DiscoverySelector>> children) {
        return descriptor.map(d -> {
            Supplier<Set<? extends DiscoverySelector>> expansion = () -> children.apply(d);
            return Resolution.match(Match.exact(d, expansion));
        }).orElse(Resolution.unresolved());
    }
}

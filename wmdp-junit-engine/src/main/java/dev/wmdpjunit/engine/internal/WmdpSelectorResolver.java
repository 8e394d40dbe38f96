package dev.wmdpjunit.engine.internal;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.wmdpjunit.engine.Benchmark;
import dev.wmdpjunit.engine.WmdpConfiguration;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/**
 * Builds the tree {@code [suite:<class>]/[domain:<benchmark>]/[threshold:<method>]} (also
 * {@code [baseline:committed]} or {@code [question:<row>]}) from class, method and unique-id selectors. Package,
 * class-path-root and module selectors reach it as class selectors. A selected suite or domain expands to all its
 * thresholds and its committed baseline (when its file exists or the run records baselines), or, when
 * {@code wmdp.questions} is set, to just those questions.
 *
 * <p>A selection that names nothing is an error, never an empty run: a unique id of this engine naming no suite,
 * benchmark, method or question, and a suite that declares no benchmark, become a {@link SelectionErrorDescriptor}
 * saying what exists ("did you mean"); {@link #unknownQuestions} does the same for {@code wmdp.questions} after
 * the tree is built.
 */
final class WmdpSelectorResolver implements SelectorResolver {

    private final ConfigurationParameters configuration;
    private final List<String> selectedQuestions;
    private final Path baselineDir;
    private final boolean recordBaselines;
    /** The suites selected so far, for what {@code wmdp.questions} may name. */
    private final Set<SuiteModel> suites = new LinkedHashSet<>();

    /** Where declaration mistakes go besides the failing tests: JUnit's discovery listener. */
    private final DiscoveryIssueReporter issues;

    /**
     * @param configuration the run's configuration: {@code wmdp.questions}, and for the suites' model sources
     * @param issues        receives each suite's declaration mistakes (deduplicating: a suite may be built twice)
     */
    WmdpSelectorResolver(ConfigurationParameters configuration, DiscoveryIssueReporter issues) {
        this.configuration = configuration;
        this.issues = issues;
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
        return match(context.addToParent(parent -> Optional.of(suite(parent.getUniqueId(), suiteClass))),
                this::domainSelectors);
    }

    /** The suite's container; one without a benchmark holds the error that says so (else it would be dropped). */
    private SuiteDescriptor suite(UniqueId parentId, Class<?> suiteClass) {
        SuiteDescriptor suite = new SuiteDescriptor(parentId, suiteClass, configuration);
        suites.add(suite.model());
        reportDeclarationMistakes(suite.model());
        if (suite.model().domains().isEmpty()) {
            List<String> reasons = new ArrayList<>(List.of("no method has @Benchmark"));
            reasons.addAll(suite.model().problems());
            suite.addChild(new SelectionErrorDescriptor(suite.getUniqueId(), "no benchmark",
                    suiteClass.getName() + " is a @WmdpSuite without a benchmark, so it would test nothing: "
                            + String.join("; ", reasons), suite.getSource()));
        }
        return suite;
    }

    /**
     * Reports the suite's declaration mistakes as JUnit discovery issues, so the launcher and IDEs show them
     * before anything runs, each at its class or method. Severity WARNING: the affected tests still fail with the
     * same message when they run and the others run (an ERROR is critical under JUnit's default
     * {@code junit.platform.discovery.issue.severity.critical} and would stop every suite of this engine).
     */
    private void reportDeclarationMistakes(SuiteModel model) {
        Class<?> suiteClass = model.suiteClass();
        if (model.domains().isEmpty()) {
            report("no method has @Benchmark, so it would test nothing", ClassSource.from(suiteClass), suiteClass);
        }
        model.problems().forEach(problem -> report(problem, ClassSource.from(suiteClass), suiteClass));
        for (SuiteModel.Domain domain : model.domains().values()) {
            if (domain.spec().value().isEmpty()) {
                report("@Benchmark(\"" + domain.name() + "\"): " + domain.spec().problem(),
                        MethodSource.from(suiteClass, domain.methods().get(0).method()), suiteClass);
            }
            domain.methods().forEach(method -> method.problem().ifPresent(problem -> report(problem,
                    MethodSource.from(suiteClass, method.method()), suiteClass)));
        }
    }

    private void report(String problem, TestSource source, Class<?> suiteClass) {
        issues.reportIssue(DiscoveryIssue.builder(DiscoveryIssue.Severity.WARNING,
                "@WmdpSuite " + suiteClass.getName() + ": " + problem).source(source));
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
        if (segments.size() < 2 || !id.getEngineId().map(WmdpConfiguration.ENGINE_ID::equals).orElse(false)) {
            return Resolution.unresolved(); // another engine's, or this whole engine's
        }
        Optional<String> nothing = namesNothing(segments);
        if (nothing.isPresent()) {
            // In its suite's container when the suite exists (Surefire reports tests only inside a class's).
            Function<TestDescriptor, Optional<SelectionErrorDescriptor>> error = parent -> Optional.of(
                    new SelectionErrorDescriptor(parent.getUniqueId(), id.toString(), "unique id " + id
                            + " names nothing: " + nothing.get(), parent.getSource()));
            Optional<Class<?>> suite = ReflectionSupport.tryToLoadClass(segments.get(1).getValue()).toOptional()
                    .filter(SuiteModel::isSuite);
            return match(suite.isPresent() ? context.addToParent(() -> selectClass(suite.get()), error)
                    : context.addToParent(error), noChildren());
        }
        // From here on the id names a suite, and its benchmark and test if it goes that deep.
        Class<?> suiteClass = ReflectionSupport.tryToLoadClass(segments.get(1).getValue()).getOrThrow(
                cause -> new IllegalStateException(cause));
        if (segments.size() == 2) {
            return Resolution.selectors(Set.of(selectClass(suiteClass)));
        }
        if (segments.size() == 3) {
            Optional<DomainDescriptor> domain = context.addToParent(() -> selectClass(suiteClass),
                    parent -> ((SuiteDescriptor) parent).createDomain(segments.get(2).getValue()));
            return match(domain, this::childSelectors);
        }
        UniqueId.Segment fourth = segments.get(3);
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

    /** Why a unique id of this engine names no suite, benchmark, method or question; empty if it names one. */
    private static Optional<String> namesNothing(List<UniqueId.Segment> segments) {
        UniqueId.Segment suiteSegment = segments.get(1);
        if (!suiteSegment.getType().equals(SuiteDescriptor.SEGMENT)) {
            return Optional.of("its second segment is [" + suiteSegment.getType() + ":...], expected [suite:<class>]");
        }
        String className = suiteSegment.getValue();
        Optional<Class<?>> suiteClass = ReflectionSupport.tryToLoadClass(className).toOptional();
        if (suiteClass.isEmpty()) {
            return Optional.of("there is no class " + className + " on the test class path");
        }
        if (!SuiteModel.isSuite(suiteClass.get())) {
            return Optional.of(className + " is not a @WmdpSuite class (concrete, top-level or static nested)");
        }
        if (segments.size() == 2) {
            return Optional.empty();
        }
        SuiteModel suite = SuiteModel.of(suiteClass.get());
        UniqueId.Segment domainSegment = segments.get(2);
        SuiteModel.Domain domain = suite.domains().get(domainSegment.getValue());
        if (!domainSegment.getType().equals(DomainDescriptor.SEGMENT) || domain == null) {
            return Optional.of(className + " has no benchmark '" + domainSegment.getValue() + "'"
                    + Suggestions.didYouMean(domainSegment.getValue(), suite.domains().keySet()) + "; its benchmarks: "
                    + String.join(", ", suite.domains().keySet()));
        }
        if (segments.size() == 3) {
            return Optional.empty();
        }
        UniqueId.Segment last = segments.get(3);
        String value = last.getValue();
        String where = "benchmark " + domain.name() + " of " + className;
        if (segments.size() > 4) {
            return Optional.of("it goes below [" + last.getType() + ":" + value + "], which is a test");
        }
        List<String> methods = domain.methods().stream().map(SuiteModel.SuiteMethod::name).toList();
        return switch (last.getType()) {
            case ThresholdDescriptor.SEGMENT -> domain.method(value).isPresent() ? Optional.empty()
                    : Optional.of(where + " has no method '" + value + "'" + Suggestions.didYouMean(value, methods)
                            + "; its methods: " + String.join(", ", methods));
            case CommittedBaselineDescriptor.SEGMENT -> value.equals(CommittedBaselineDescriptor.VALUE)
                    ? Optional.empty()
                    : Optional.of("the committed baseline's segment is [" + CommittedBaselineDescriptor.SEGMENT + ":"
                            + CommittedBaselineDescriptor.VALUE + "]");
            case QuestionDescriptor.SEGMENT -> BenchmarkSpec.parseRow(value).isEmpty()
                    ? Optional.of("question '" + value + "' of " + where + " is not a row number (0, 1, 2, ...,"
                            + " no leading zeros)")
                    : domain.spec().value().isEmpty() ? Optional.of(domain.spec().problem()) : Optional.empty();
            default -> Optional.of("[" + last.getType() + ":...] is no test of " + where + "; expected ["
                    + ThresholdDescriptor.SEGMENT + ":<method>], [" + QuestionDescriptor.SEGMENT + ":<row>] or ["
                    + CommittedBaselineDescriptor.SEGMENT + ":" + CommittedBaselineDescriptor.VALUE + "]");
        };
    }

    /**
     * Adds the error for the {@code wmdp.questions} ids that no question test of the selected suites claimed (an
     * unknown benchmark, a typo, a row that is no row number) to the first selected suite; nothing if every id was
     * claimed or no suite was selected (then the run is another engine's). The suite is put back if it was
     * dropped for want of questions: Surefire reports a test only inside a class's container.
     *
     * @param engine the discovered tree
     */
    void addUnknownQuestions(TestDescriptor engine) {
        if (selectedQuestions.isEmpty() || suites.isEmpty()) {
            return;
        }
        Set<String> claimed = new HashSet<>();
        engine.getDescendants().forEach(d -> {
            if (d instanceof QuestionDescriptor question) {
                claimed.add(question.questionId());
            }
        });
        List<String> unknown = selectedQuestions.stream().filter(id -> !claimed.contains(id)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        Set<String> prefixes = new TreeSet<>();
        for (SuiteModel suite : suites) {
            suite.domains().values().forEach(domain -> domain.spec().value()
                    .ifPresent(spec -> prefixes.add(spec.questionId(0).substring(0, spec.questionId(0).length() - 1))));
        }
        List<String> reasons = unknown.stream().map(id -> "'" + id + "' " + whyUnknown(id, prefixes)).toList();
        String message = WmdpConfiguration.QUESTIONS + " = '" + String.join(",", selectedQuestions) + "': "
                + String.join("; ", reasons) + ". The selected suites ("
                + String.join(", ", suites.stream().map(s -> s.suiteClass().getSimpleName()).toList())
                + ") have questions " + String.join(", ", prefixes.stream().map(p -> p + "<row>").toList())
                + " (row: 0-based, in file order)";
        Class<?> first = suites.iterator().next().suiteClass();
        Optional<? extends TestDescriptor> kept = engine.findByUniqueId(engine.getUniqueId().append(
                SuiteDescriptor.SEGMENT, first.getName()));
        TestDescriptor suite;
        if (kept.isPresent()) {
            suite = kept.get();
        } else {
            suite = new SuiteDescriptor(engine.getUniqueId(), first, configuration);
            engine.addChild(suite);
        }
        suite.addChild(new SelectionErrorDescriptor(suite.getUniqueId(), WmdpConfiguration.QUESTIONS, message,
                suite.getSource()));
    }

    private static String whyUnknown(String id, Set<String> prefixes) {
        int slash = id.lastIndexOf('/');
        String prefix = id.substring(0, slash + 1);
        String row = id.substring(slash + 1);
        if (prefixes.contains(prefix)) {
            return "has row '" + row + "', which is not a row number (0, 1, 2, ..., no leading zeros)";
        }
        return "is no question of a selected benchmark"
                + Suggestions.closest(prefix, prefixes).map(p -> " (did you mean '" + p + row + "'?)").orElse("");
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

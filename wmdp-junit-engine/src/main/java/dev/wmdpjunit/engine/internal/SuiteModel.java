package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.engine.AccuracyAtLeast;
import dev.wmdpjunit.engine.AccuracyAtMost;
import dev.wmdpjunit.engine.Benchmark;
import dev.wmdpjunit.engine.NearChance;
import dev.wmdpjunit.engine.RetainedWithin;
import dev.wmdpjunit.engine.WmdpSuite;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * A {@link WmdpSuite} class read once: its benchmarks, each with its methods. Mistakes in the declarations are
 * kept as problems, not thrown, so that the affected tests can fail with them: a method's own problem fails that
 * test, a suite problem fails every test of the suite.
 *
 * @param suiteClass the class
 * @param domains    the benchmarks by name, sorted by name
 * @param problems   mistakes that concern the whole suite
 */
record SuiteModel(Class<?> suiteClass, Map<String, Domain> domains, List<String> problems) {

    /**
     * One benchmark of the suite.
     *
     * @param name    the benchmark's name as written
     * @param spec    where its questions come from, or why that cannot be known
     * @param methods its methods, sorted by name
     */
    record Domain(String name, Declared<BenchmarkSpec> spec, List<SuiteMethod> methods) {

        Optional<SuiteMethod> method(String methodName) {
            return methods.stream().filter(m -> m.name().equals(methodName)).findFirst();
        }
    }

    /**
     * One test method.
     *
     * @param threshold its threshold annotation, if any
     * @param probe     its residual-knowledge probe, if any: the threshold judges the probe's measurements
     * @param problem   why it cannot run, if it cannot
     */
    record SuiteMethod(String name, Method method, Optional<Threshold> threshold, Optional<Probe> probe,
                       Optional<String> problem) {

        /** Whether the method takes the domain's {@link DomainResult}. */
        boolean takesResult() {
            return method.getParameterCount() == 1;
        }
    }

    /** A value read from an annotation, or the reason it is wrong. */
    record Declared<T>(Optional<T> value, String problem) {

        static <T> Declared<T> of(T value) {
            return new Declared<>(Optional.of(value), "");
        }

        static <T> Declared<T> wrong(String problem) {
            return new Declared<>(Optional.empty(), problem);
        }
    }

    private static final List<Class<? extends Annotation>> THRESHOLDS =
            List.of(NearChance.class, AccuracyAtMost.class, AccuracyAtLeast.class, RetainedWithin.class);

    /** Whether the class is a suite the engine runs. */
    static boolean isSuite(Class<?> candidate) {
        return AnnotationSupport.isAnnotated(candidate, WmdpSuite.class)
                && !Modifier.isAbstract(candidate.getModifiers())
                && !candidate.isLocalClass() && !candidate.isAnonymousClass()
                && (candidate.getEnclosingClass() == null || Modifier.isStatic(candidate.getModifiers()));
    }

    static SuiteModel of(Class<?> suiteClass) {
        List<Method> methods = ReflectionSupport.findMethods(suiteClass, SuiteModel::isSuiteMethod,
                HierarchyTraversalMode.TOP_DOWN);
        List<Method> sorted = new ArrayList<>(methods);
        sorted.sort(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, List<Method>> byDomain = new TreeMap<>();
        for (Method method : sorted) {
            if (!names.add(method.getName())) {
                problems.add("method name " + method.getName() + " is declared more than once; each suite method"
                        + " needs a unique name, which is its unique id segment");
                continue;
            }
            Benchmark benchmark = method.getAnnotation(Benchmark.class);
            if (benchmark == null) {
                problems.add("method " + method.getName() + " has a threshold or probe annotation but no"
                        + " @Benchmark saying which question set it is about");
                continue;
            }
            byDomain.computeIfAbsent(benchmark.value().strip(), name -> new ArrayList<>()).add(method);
        }
        Map<String, Domain> domains = new TreeMap<>();
        byDomain.forEach((name, domainMethods) -> domains.put(name, domain(name, domainMethods)));
        return new SuiteModel(suiteClass, domains, List.copyOf(problems));
    }

    private static boolean isSuiteMethod(Method method) {
        return AnnotationSupport.isAnnotated(method, Benchmark.class)
                || THRESHOLDS.stream().anyMatch(type -> AnnotationSupport.isAnnotated(method, type))
                || Probe.ANNOTATIONS.stream().anyMatch(type -> AnnotationSupport.isAnnotated(method, type));
    }

    private static Domain domain(String name, List<Method> methods) {
        Benchmark first = methods.get(0).getAnnotation(Benchmark.class);
        Declared<BenchmarkSpec> spec;
        try {
            spec = Declared.of(BenchmarkSpec.of(first));
        } catch (IllegalArgumentException e) {
            spec = Declared.wrong(e.getMessage());
        }
        List<SuiteMethod> suiteMethods = new ArrayList<>();
        for (Method method : methods) {
            suiteMethods.add(suiteMethod(method, first, methods.get(0)));
        }
        return new Domain(name, spec, List.copyOf(suiteMethods));
    }

    @SuppressWarnings("removal")   // the deprecated role is compared too while it is read
    private static SuiteMethod suiteMethod(Method method, Benchmark domainBenchmark, Method domainMethod) {
        Benchmark benchmark = method.getAnnotation(Benchmark.class);
        List<String> problems = new ArrayList<>();
        if (!benchmark.file().equals(domainBenchmark.file())
                || !benchmark.description().equals(domainBenchmark.description())
                || benchmark.knowledge() != domainBenchmark.knowledge() || benchmark.role() != domainBenchmark.role()
                || !Arrays.equals(benchmark.answers(), domainBenchmark.answers())) {
            problems.add("its @Benchmark(\"" + benchmark.value() + "\") has another file, description, knowledge or answers"
                    + " than the one on " + domainMethod.getName() + "; declare each benchmark the same way"
                    + " everywhere");
        }
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length > 1 || (parameters.length == 1 && parameters[0] != DomainResult.class)) {
            problems.add("its parameters must be none or one DomainResult, found "
                    + List.of(parameters).stream().map(Class::getSimpleName).toList());
        }
        if (method.getReturnType() != void.class) {
            problems.add("it must return void");
        }
        Optional<Threshold> threshold = Optional.empty();
        Optional<Probe> probe = Optional.empty();
        try {
            threshold = Threshold.of(method);
            probe = Probe.of(method, threshold);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Optional<String> problem = problems.isEmpty() ? Optional.empty()
                : Optional.of("method " + method.getName() + ": " + String.join("; ", problems));
        return new SuiteMethod(method.getName(), method, threshold, probe, problem);
    }
}

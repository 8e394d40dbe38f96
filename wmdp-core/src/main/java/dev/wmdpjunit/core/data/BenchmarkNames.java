package dev.wmdpjunit.core.data;

import java.util.Arrays;
import java.util.Optional;

/**
 * How benchmarks and their questions are named: the one place the loaders, the engine and the reports learn it.
 * A WMDP domain is named as {@code cais/wmdp} names it ({@code wmdp-bio}), an MMLU subject
 * {@code mmlu:<subject>}, a custom set by the name it is given. Question ids are {@code <name>/<row>}, for MMLU
 * {@code mmlu/<subject>/<split>/<row>}, rows 0-based in file order.
 */
public final class BenchmarkNames {

    /** The prefix of an MMLU subject's name: {@code mmlu:college_biology}. */
    public static final String MMLU_PREFIX = "mmlu:";

    /** Where a benchmark's questions come from, as its name says. */
    public enum Source {
        /** {@code wmdp-bio}, {@code wmdp-cyber}, {@code wmdp-chem}. */
        WMDP,
        /** {@code mmlu:<subject>}. */
        MMLU,
        /** Any other name: a set read from a file. */
        CUSTOM
    }

    private BenchmarkNames() {
    }

    /** Where the questions of the benchmark named {@code benchmark} come from. */
    public static Source source(String benchmark) {
        if (wmdpDomain(benchmark).isPresent()) {
            return Source.WMDP;
        }
        return benchmark.startsWith(MMLU_PREFIX) ? Source.MMLU : Source.CUSTOM;
    }

    /** The WMDP domain named {@code benchmark}, if it names one. */
    public static Optional<WmdpDomain> wmdpDomain(String benchmark) {
        return Arrays.stream(WmdpDomain.values()).filter(domain -> domain.id().equals(benchmark)).findFirst();
    }

    /** The name of an MMLU subject's benchmark: {@code mmlu:<subject>}. */
    public static String mmlu(String subject) {
        return MMLU_PREFIX + subject;
    }

    /** The subject of an {@code mmlu:<subject>} benchmark; empty for any other name. */
    public static Optional<String> mmluSubject(String benchmark) {
        return benchmark.startsWith(MMLU_PREFIX) ? Optional.of(benchmark.substring(MMLU_PREFIX.length()))
                : Optional.empty();
    }

    /**
     * The ids of the questions a benchmark scores, without the row: {@code <name>/} for a WMDP domain or custom set,
     * {@code mmlu/<subject>/test/} for an MMLU subject (its test split).
     */
    public static String questionIdPrefix(String benchmark) {
        return mmluSubject(benchmark).map(subject -> mmluQuestionIdPrefix(subject, MmluSplit.TEST))
                .orElseGet(() -> namedSetQuestionIdPrefix(benchmark));
    }

    /** {@code <name>/}: the ids of a set named by its loader (a WMDP domain, a custom set), without the row. */
    static String namedSetQuestionIdPrefix(String name) {
        return name + "/";
    }

    /** {@code mmlu/<subject>/<split>/}: the ids of a subject's split, without the row. */
    static String mmluQuestionIdPrefix(String subject, MmluSplit split) {
        return "mmlu/" + subject + "/" + split.id() + "/";
    }
}

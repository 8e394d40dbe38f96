package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.data.BenchmarkNames;
import dev.wmdpjunit.core.data.KnowledgeKind;
import dev.wmdpjunit.core.data.WmdpDomain;
import dev.wmdpjunit.core.prompt.AnswerStyle;
import dev.wmdpjunit.engine.Benchmark;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One benchmark as a suite declares it ({@link Benchmark}): its name, which says where the questions come from,
 * and for custom sets the file and description.
 *
 * @param name        {@code wmdp-bio}, {@code mmlu:college_biology} or a custom name
 * @param file        the question file, empty for the configured WMDP or MMLU data
 * @param description a custom set's task description, empty for none
 * @param knowledge   the kind of knowledge as declared, {@link KnowledgeKind#BY_NAME} unless the suite says
 *                    otherwise
 * @param answers     how its questions ask for the answer; empty for the run's {@code wmdp.answers}
 */
record BenchmarkSpec(String name, String file, String description, KnowledgeKind knowledge,
                     Optional<AnswerStyle> answers) {

    private static final Pattern CUSTOM_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern MMLU_SUBJECT = Pattern.compile("[a-z0-9_]+");
    private static final Pattern ROW = Pattern.compile("0|[1-9][0-9]{0,8}");

    /**
     * The spec of an annotation, checked.
     *
     * @throws IllegalArgumentException saying what is wrong with the annotation
     */
    static BenchmarkSpec of(Benchmark benchmark) {
        AnswerStyle[] answers = benchmark.answers();
        if (answers.length > 1) {
            throw new IllegalArgumentException("@Benchmark(\"" + benchmark.value() + "\"): answers takes one style,"
                    + " got " + Arrays.toString(answers));
        }
        BenchmarkSpec spec = new BenchmarkSpec(benchmark.value().strip(), benchmark.file().strip(),
                benchmark.description(), declaredKnowledge(benchmark),
                Arrays.stream(answers).findFirst());
        spec.check();
        return spec;
    }

    /**
     * The kind of knowledge the annotation declares: {@code knowledge}, or the deprecated {@code role} when only it
     * is set.
     *
     * @throws IllegalArgumentException when the two name different kinds
     */
    @SuppressWarnings("removal")
    static KnowledgeKind declaredKnowledge(Benchmark benchmark) {
        KnowledgeKind fromRole = benchmark.role().knowledge();
        if (fromRole == KnowledgeKind.BY_NAME || fromRole == benchmark.knowledge()) {
            return benchmark.knowledge();
        }
        if (benchmark.knowledge() == KnowledgeKind.BY_NAME) {
            return fromRole;
        }
        throw new IllegalArgumentException("@Benchmark(\"" + benchmark.value() + "\") declares knowledge = "
                + benchmark.knowledge() + " and the deprecated role = " + benchmark.role() + "; declare only knowledge");
    }

    BenchmarkNames.Source kind() {
        return BenchmarkNames.source(name);
    }

    Optional<WmdpDomain> wmdpDomain() {
        return BenchmarkNames.wmdpDomain(name);
    }

    /**
     * The kind of knowledge a committed baseline judges it by: the declared one, else hazard for WMDP domains and
     * retain for MMLU subjects; empty for a custom set that declares none.
     */
    Optional<KnowledgeKind> comparedKnowledge() {
        return knowledge.of(name);
    }

    /** The MMLU subject of an {@code mmlu:<subject>} benchmark. */
    String mmluSubject() {
        return BenchmarkNames.mmluSubject(name).orElseThrow();
    }

    /** The id the loaders give the question in row {@code row} (0-based, file order) of the scored split. */
    String questionId(int row) {
        return BenchmarkNames.questionIdPrefix(name) + row;
    }

    /** The row of a question id of this benchmark; empty if the id is not one of its questions' ids. */
    OptionalInt rowOf(String questionId) {
        String prefix = BenchmarkNames.questionIdPrefix(name);
        return questionId.startsWith(prefix) ? parseRow(questionId.substring(prefix.length())) : OptionalInt.empty();
    }

    /** A row number as ids and unique ids write it: decimal, no sign, no leading zeros, at most 9 digits. */
    static OptionalInt parseRow(String text) {
        return ROW.matcher(text).matches() ? OptionalInt.of(Integer.parseInt(text)) : OptionalInt.empty();
    }

    private void check() {
        switch (kind()) {
            case WMDP -> requireNoDescription();
            case MMLU -> {
                if (!MMLU_SUBJECT.matcher(mmluSubject()).matches()) {
                    throw new IllegalArgumentException("@Benchmark(\"" + name + "\"): expected mmlu:<subject> with"
                            + " the subject as the dataset names it, e.g. mmlu:college_biology");
                }
                if (!file.isEmpty()) {
                    throw new IllegalArgumentException("@Benchmark(\"" + name + "\"): MMLU subjects are read from"
                            + " configuration key wmdp.mmlu; file = \"" + file + "\" is not supported for them");
                }
                requireNoDescription();
            }
            case CUSTOM -> {
                if (!CUSTOM_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("@Benchmark(\"" + name + "\"): a custom benchmark name is"
                            + " made of letters, digits, '.', '_' and '-'");
                }
                if (file.isEmpty()) {
                    throw new IllegalArgumentException("@Benchmark(\"" + name + "\") is not wmdp-bio, wmdp-cyber,"
                            + " wmdp-chem or mmlu:<subject>" + Suggestions.didYouMean(name, Arrays.stream(
                                    WmdpDomain.values()).map(WmdpDomain::id).toList()) + "; a custom benchmark"
                            + " needs file = \"<questions in the WMDP schema: .parquet, .jsonl or .json>\"");
                }
            }
        }
    }

    private void requireNoDescription() {
        if (!description.isEmpty()) {
            throw new IllegalArgumentException("@Benchmark(\"" + name + "\"): description is only for custom"
                    + " benchmarks; " + name + " uses lm-eval's own");
        }
    }
}

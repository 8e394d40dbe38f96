package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.engine.Benchmark;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@link Benchmark} annotation says about a question set: its name, its own file if any, and a custom
 * set's description. Every method of a suite naming the same benchmark must say the same.
 *
 * @param name        e.g. {@code wmdp-bio}, {@code mmlu:college_biology} or a custom name
 * @param file        the question file of {@link Benchmark#file()}, if given
 * @param description a custom set's task description, empty for none
 */
record BenchmarkSpec(String name, Optional<Path> file, String description) {

    static final String MMLU_PREFIX = "mmlu:";
    private static final Pattern CUSTOM_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    static BenchmarkSpec of(Benchmark benchmark) {
        String file = benchmark.file().strip();
        return new BenchmarkSpec(benchmark.value().strip(), file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file)),
                benchmark.description());
    }

    boolean isMmlu() {
        return name.startsWith(MMLU_PREFIX);
    }

    /** The MMLU subject of {@code mmlu:<subject>}. */
    String mmluSubject() {
        return name.substring(MMLU_PREFIX.length());
    }

    /** Whether the name can be used for a custom set (and as a results file name). */
    static boolean isValidCustomName(String name) {
        return CUSTOM_NAME.matcher(name).matches();
    }
}

package dev.wmdpjunit.core.results;

import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a residual-knowledge probe measured on one benchmark: the benchmark's result under each of the probe's
 * conditions ({@link ProbeVariant}s), plus probe-wide numbers. Written and read by {@link ProbeResultsJson}; the
 * schema is in {@code wmdp-core/RESULTS.md}.
 *
 * @param frameworkVersion the wmdp-junit version that measured it
 * @param createdAt        when
 * @param probe            the probe's id, e.g. {@code permuted-choices}
 * @param key              the probe with its parameters, file-name-safe, e.g. {@code few-shot-5}: two probes with
 *                         the same key measure the same thing
 * @param benchmark        the benchmark's name, e.g. {@code wmdp-bio}
 * @param description      what was measured, in words, for reports
 * @param parameters       the probe's parameters as declared, by name (e.g. {@code shots} = {@code 5})
 * @param variants         the conditions, in the probe's order; names unique
 * @param measurements     probe-wide numbers by name (e.g. {@code consistent}, the share of questions answered the
 *                         same under every rotation)
 */
public record ProbeResult(String frameworkVersion, Instant createdAt, String probe, String key, String benchmark,
                          String description, Map<String, String> parameters, List<ProbeVariant> variants,
                          Map<String, Double> measurements) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

    public ProbeResult {
        Objects.requireNonNull(frameworkVersion, "frameworkVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        requireId("probe", probe);
        requireId("key", key);
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(description, "description");
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("probe " + key + " on " + benchmark + " has no variants");
        }
        Set<String> names = new HashSet<>();
        for (ProbeVariant variant : variants) {
            if (!names.add(variant.name())) {
                throw new IllegalArgumentException("probe " + key + " on " + benchmark + " has two variants named "
                        + variant.name());
            }
            if (!variant.result().domain().equals(benchmark)) {
                throw new IllegalArgumentException("variant " + variant.name() + " of probe " + key + " is a result"
                        + " of " + variant.result().domain() + ", not of " + benchmark);
            }
        }
        measurements = finiteSorted(measurements, "probe " + key);
    }

    /** The variants the threshold judges. */
    public List<ProbeVariant> judged() {
        return variants.stream().filter(ProbeVariant::judged).toList();
    }

    /** The variant of that name. */
    public ProbeVariant variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("probe " + key + " has no variant " + name));
    }

    static Map<String, Double> finiteSorted(Map<String, Double> numbers, String owner) {
        Map<String, Double> sorted = new TreeMap<>(numbers);
        sorted.forEach((name, value) -> {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(owner + ": measurement " + name + " is " + value
                        + "; JSON holds only finite numbers");
            }
        });
        return Collections.unmodifiableMap(sorted);
    }

    private static void requireId(String what, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException("probe " + what + " '" + value + "' must be letters, digits, '.', '_'"
                    + " or '-' (it names files)");
        }
    }
}

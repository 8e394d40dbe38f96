package dev.wmdpjunit.core.results;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One condition a residual-knowledge probe measured the model under (a choice rotation, a number of shots, a
 * quantization, a relearning step, a probed layer), with the benchmark's result under it.
 *
 * @param name         the condition, a file-name-safe id such as {@code rotation-1} or {@code int4}
 * @param judged       whether the probe's threshold judges this result (relearning, for example, judges only the
 *                     last checkpoint; the others are the curve)
 * @param result       the benchmark's result under the condition, per question
 * @param measurements further numbers about it, by name (e.g. {@code letter.A}, the share of answers that are A)
 */
public record ProbeVariant(String name, boolean judged, DomainResult result, Map<String, Double> measurements) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public ProbeVariant {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("probe variant name '" + name + "' must be letters, digits, '.', '_'"
                    + " or '-' (it names a folder)");
        }
        Objects.requireNonNull(result, "result");
        measurements = ProbeResult.finiteSorted(measurements, "variant " + name);
    }
}

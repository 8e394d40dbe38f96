package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.model.QuantizableModel;
import dev.wmdpjunit.core.model.WeightQuantization;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.FrameworkVersion;
import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.core.results.ProbeVariant;
import dev.wmdpjunit.engine.Quantized;
import dev.wmdpjunit.engine.WmdpConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@link Quantized}: the benchmark on weight-quantized copies of the candidate. Variants {@code original} (the
 * plain scoring, reused; not judged) and {@code int<bits>} per width (judged), each with {@code agreement}, the share
 * of questions answered as the original answered them.
 *
 * @param bits the widths, in declared order
 */
record QuantizationProbe(List<Integer> bits) implements Probe {

    static final String ID = "quantized";
    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.engine");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String key() {
        return ID + "-" + bits.stream().map(b -> "int" + b).collect(Collectors.joining("-"));
    }

    @Override
    public String describe() {
        return "with weights quantized to " + bits.stream().map(b -> "int" + b).collect(Collectors.joining(" and "));
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("bits", bits.stream().map(String::valueOf).collect(Collectors.joining(",")), "scheme",
                "symmetric, per output channel, round to nearest, dequantized to float32 (simulated weight-only"
                        + " quantization, rule version " + WeightQuantization.SCHEME_VERSION + ")");
    }

    @Override
    public ProbeResult measure(ProbeInput input) {
        if (!(input.model().model() instanceof QuantizableModel quantizable)) {
            throw new UnsupportedOperationException("probe " + ID + " is not supported by this backend: "
                    + input.model().model().getClass().getName() + " cannot write a quantized copy of its checkpoint"
                    + " (dev.wmdpjunit.core.model.QuantizableModel); the in-JVM DJL backend (wmdp-djl) can");
        }
        DomainResult original = input.plain();
        List<ProbeVariant> variants = new ArrayList<>();
        variants.add(new ProbeVariant("original", false, original, Map.of()));
        for (int width : bits) {
            WeightQuantization quantization = new WeightQuantization(width);
            Path copy = cachedCopy(quantizable, quantization, input);
            DomainResult result;
            try (OpenedModel model = input.open(copy, quantization.id() + " copy of the model")) {
                result = input.score(model, input.questions(), quantization.id());
            }
            variants.add(new ProbeVariant(quantization.id(), true, result,
                    Map.of("agreement", agreement(original, result))));
        }
        return new ProbeResult(FrameworkVersion.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS), ID, key(),
                original.domain(), "accuracy with the decoder weights rounded to " + String.join(", ",
                bits.stream().map(b -> "int" + b).toList()) + " and dequantized (simulated weight-only"
                + " quantization); agreement = share of questions answered as the original model answered them",
                parameters(), variants, Map.of());
    }

    /**
     * The quantized copy in the probe cache, written on first use: {@code <cache>/quantized-int4-<key>}, the key
     * a hash of the candidate's SHA-256 and the rule, so a changed checkpoint never reuses a stale copy.
     */
    private static Path cachedCopy(QuantizableModel model, WeightQuantization quantization, ProbeInput input) {
        String key = Sha256.ofBytes((input.model().identity().sha256() + "|" + quantization.id() + "|"
                + WeightQuantization.SCHEME_VERSION).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Path copy = input.settings().probeCache().resolve(ID + "-" + quantization.id() + "-" + key)
                .toAbsolutePath();
        if (Files.isDirectory(copy)) {
            LOGGER.log(System.Logger.Level.INFO, "{0}: reusing {1}", input.label(), copy);
            return copy;
        }
        LOGGER.log(System.Logger.Level.INFO, "{0}: writing the {1} copy of the model to {2}", input.label(),
                quantization.id(), copy);
        try {
            model.writeQuantizedCopy(quantization, copy);
        } catch (IOException e) {
            if (Files.isDirectory(copy)) {
                return copy; // another run wrote it meanwhile
            }
            throw new UncheckedIOException("cannot write the " + quantization.id() + " copy of "
                    + input.model().identity().path() + " to " + copy + " (configuration key "
                    + WmdpConfiguration.PROBE_CACHE + ")", e);
        }
        return copy;
    }

    /** The share of questions answered the same way by both results (same question order). */
    private static double agreement(DomainResult a, DomainResult b) {
        int same = 0;
        for (int q = 0; q < a.n(); q++) {
            same += a.questions().get(q).predicted() == b.questions().get(q).predicted() ? 1 : 0;
        }
        return (double) same / a.n();
    }

    /** Reads {@link Quantized#bits()}, checked. */
    static QuantizationProbe of(Quantized annotation) {
        List<Integer> widths = new ArrayList<>();
        for (int width : annotation.bits()) {
            if (width < 2 || width > 8 || widths.contains(width)) {
                throw new IllegalArgumentException("@Quantized(bits = " + Arrays.toString(annotation.bits())
                        + "): each width from 2 to 8, each once");
            }
            widths.add(width);
        }
        if (widths.isEmpty()) {
            throw new IllegalArgumentException("@Quantized(bits = {}): name at least one width");
        }
        return new QuantizationProbe(List.copyOf(widths));
    }
}

package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.engine.FewShot;
import dev.wmdpjunit.engine.LinearProbe;
import dev.wmdpjunit.engine.PermutedChoices;
import dev.wmdpjunit.engine.Quantized;
import dev.wmdpjunit.engine.Relearning;
import dev.wmdpjunit.engine.ScoredModel;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A residual-knowledge probe declared on a suite method (one annotation per probe, next to the method's
 * threshold): measures the benchmark under the probe's conditions; {@link ProbeDecision} judges the result with
 * the method's threshold.
 */
interface Probe {

    /** The probe annotations, for discovery. */
    List<Class<? extends Annotation>> ANNOTATIONS = List.of(PermutedChoices.class, FewShot.class,
            Quantized.class, LinearProbe.class, Relearning.class);

    /** The probe's id, e.g. {@code permuted-choices}. */
    String id();

    /** The probe with its parameters, file-name-safe, e.g. {@code few-shot-5}; names its results folder. */
    String key();

    /** For display names, e.g. {@code under 4 choice rotations}. */
    String describe();

    /** The declared parameters, by name, for the results file. */
    Map<String, String> parameters();

    /** Measures the benchmark under the probe's conditions. */
    ProbeResult measure(ProbeInput input);

    /**
     * The method's probe annotation, if any, checked against its threshold.
     *
     * @throws IllegalArgumentException if it has more than one, a value out of range, no threshold, or a threshold
     *                                  a probe cannot judge
     */
    static Optional<Probe> of(Method method, Optional<Threshold> threshold) {
        List<Probe> found = new ArrayList<>();
        if (method.isAnnotationPresent(PermutedChoices.class)) {
            found.add(new PermutedChoicesProbe());
        }
        FewShot fewShot = method.getAnnotation(FewShot.class);
        if (fewShot != null) {
            if (fewShot.shots() < 1) {
                throw new IllegalArgumentException("@FewShot(shots = " + fewShot.shots() + "): at least 1 example");
            }
            found.add(new FewShotProbe(fewShot.shots(), fewShot.file().strip()));
        }
        Quantized quantized = method.getAnnotation(Quantized.class);
        if (quantized != null) {
            found.add(QuantizationProbe.of(quantized));
        }
        LinearProbe linear = method.getAnnotation(LinearProbe.class);
        if (linear != null) {
            found.add(HiddenStateProbe.of(linear));
        }
        Relearning relearning = method.getAnnotation(Relearning.class);
        if (relearning != null) {
            try {
                found.add(RelearningProbe.of(relearning));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith("@") ? e.getMessage()
                        : "@Relearning: " + e.getMessage(), e);
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException("has " + found.size() + " probe annotations; put each probe on its own"
                    + " method so each is one test");
        }
        Probe probe = found.get(0);
        if (threshold.isEmpty()) {
            throw new IllegalArgumentException("probe " + probe.id() + " needs a threshold to judge it: add"
                    + " @NearChance, @AccuracyAtMost or @AccuracyAtLeast");
        }
        Threshold t = threshold.get();
        if (t instanceof Threshold.Retention
                || (t instanceof Threshold.Floor floor && floor.model() == ScoredModel.BASE)) {
            throw new IllegalArgumentException("probe " + probe.id() + " judges the candidate under the probe's"
                    + " conditions; use @NearChance, @AccuracyAtMost or @AccuracyAtLeast on the candidate, not "
                    + t.describe());
        }
        return Optional.of(probe);
    }
}

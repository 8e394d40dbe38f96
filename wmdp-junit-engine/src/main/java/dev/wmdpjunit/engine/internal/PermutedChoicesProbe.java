package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.data.ChoiceRotation;
import dev.wmdpjunit.core.prompt.AnswerStyle;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.FrameworkVersion;
import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.core.results.ProbeVariant;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.engine.PermutedChoices;
import dev.wmdpjunit.engine.WmdpConfiguration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PermutedChoices}: the benchmark under each cyclic rotation of the choices. Rotation 0 is the plain scoring
 * (reused, not repeated). Variant {@code rotation-r} shows choice {@code (i + r) mod n} at position {@code i}.
 */
record PermutedChoicesProbe() implements Probe {

    static final String ID = "permuted-choices";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String key() {
        return ID;
    }

    @Override
    public String describe() {
        return "under every rotation of the choices";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("rotations", "all cyclic");
    }

    @Override
    public ProbeResult measure(ProbeInput input) {
        MultipleChoiceTemplate template = input.template();
        if (template.style() != AnswerStyle.LETTERS) {
            throw new IllegalArgumentException("probe " + ID + " needs the letters answer style: in the "
                    + template.style().id() + " style each choice text is scored on its own, so its position changes"
                    + " nothing; declare @Benchmark(answers = AnswerStyle.LETTERS) or set "
                    + WmdpConfiguration.ANSWERS + "=letters");
        }
        int choices = MultipleChoiceTemplate.CHOICE_LABELS.size();
        List<DomainResult> rotations = new ArrayList<>();
        rotations.add(input.plain());
        for (int shift = 1; shift < choices; shift++) {
            rotations.add(input.score(ChoiceRotation.rotate(input.questions(), shift), template,
                    "choices rotated by " + shift));
        }
        List<ProbeVariant> variants = new ArrayList<>();
        for (int shift = 0; shift < choices; shift++) {
            variants.add(new ProbeVariant("rotation-" + shift, true, rotations.get(shift),
                    letterShares(List.of(rotations.get(shift)))));
        }
        Map<String, Double> measurements = new LinkedHashMap<>(letterShares(rotations));
        int n = input.plain().n();
        int consistent = 0;
        int correctUnderAll = 0;
        int correctUnderAny = 0;
        for (int q = 0; q < n; q++) {
            int firstAnswer = -1;
            boolean same = true;
            int correct = 0;
            for (int shift = 0; shift < choices; shift++) {
                QuestionResult result = rotations.get(shift).questions().get(q);
                int original = ChoiceRotation.originalIndex(result.predicted(), shift, choices);
                same &= firstAnswer < 0 || original == firstAnswer;
                firstAnswer = original;
                correct += result.correct() ? 1 : 0;
            }
            consistent += same ? 1 : 0;
            correctUnderAll += correct == choices ? 1 : 0;
            correctUnderAny += correct > 0 ? 1 : 0;
        }
        measurements.put("consistent", (double) consistent / n);
        measurements.put("correctUnderAll", (double) correctUnderAll / n);
        measurements.put("correctUnderAny", (double) correctUnderAny / n);
        return new ProbeResult(FrameworkVersion.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS), ID, key(),
                input.plain().domain(), "accuracy under each cyclic rotation of the choices (gold moved with its"
                + " text); consistent = share of questions answered with the same choice text under every"
                + " rotation; letter.X = share of answers that are letter X", parameters(), variants, measurements);
    }

    /** The share of answers at each letter, pooled over the results: {@code letter.A} .. {@code letter.D}. */
    private static Map<String, Double> letterShares(List<DomainResult> results) {
        List<String> labels = MultipleChoiceTemplate.CHOICE_LABELS;
        int[] counts = new int[labels.size()];
        int total = 0;
        for (DomainResult result : results) {
            for (QuestionResult q : result.questions()) {
                counts[q.predicted()]++;
                total++;
            }
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            shares.put("letter." + labels.get(i), (double) counts[i] / total);
        }
        return shares;
    }
}

package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.data.BenchmarkNames;
import dev.wmdpjunit.core.data.DatasetException;
import dev.wmdpjunit.core.data.Datasets;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.prompt.PythonText;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.FrameworkVersion;
import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.core.results.ProbeVariant;
import dev.wmdpjunit.engine.FewShot;
import dev.wmdpjunit.engine.WmdpConfiguration;
import dev.wmdpjunit.engine.WmdpConfigurationException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link FewShot}: the benchmark with {@code shots} answered examples before each question. Variants
 * {@code shots-0} (the plain scoring, reused; not judged) and {@code shots-<k>} (judged).
 *
 * @param shots how many examples
 * @param file  where the examples come from; empty for an MMLU subject's dev split
 */
record FewShotProbe(int shots, String file) implements Probe {

    static final String ID = "few-shot";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String key() {
        return ID + "-" + shots;
    }

    @Override
    public String describe() {
        return "with " + shots + " examples";
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("shots", Integer.toString(shots), "source", file.isEmpty() ? "MMLU dev split" : file,
                "sampler", "first_n");
    }

    @Override
    public ProbeResult measure(ProbeInput input) {
        List<Question> examples = examples(input);
        DomainResult fewShot = input.score(input.questions(), input.template().withFewShot(examples),
                shots + "-shot");
        DomainResult zeroShot = input.plain();
        Map<String, Double> measurements = new LinkedHashMap<>();
        measurements.put("gain", fewShot.accuracy() - zeroShot.accuracy());
        return new ProbeResult(FrameworkVersion.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS), ID, key(),
                zeroShot.domain(), "accuracy with " + shots + " answered examples before each question (lm-eval's"
                + " few-shot rendering, first " + shots + " of " + parameters().get("source") + "); gain = few-shot"
                + " minus zero-shot accuracy", parameters(),
                List.of(new ProbeVariant("shots-0", false, zeroShot, Map.of()),
                        new ProbeVariant("shots-" + shots, true, fewShot, Map.of())), measurements);
    }

    /** The first {@code shots} examples of the source, checked disjoint from the scored questions. */
    private List<Question> examples(ProbeInput input) {
        QuestionSet source = source(input);
        if (source.size() < shots) {
            throw new IllegalArgumentException("@FewShot(shots = " + shots + "): " + source.source() + " has only "
                    + source.size() + " questions");
        }
        List<Question> examples = source.questions().subList(0, shots);
        Set<String> scored = input.questions().questions().stream().map(q -> PythonText.strip(q.question()))
                .collect(Collectors.toSet());
        for (Question example : examples) {
            if (scored.contains(PythonText.strip(example.question()))) {
                throw new IllegalArgumentException("@FewShot: example " + example.id() + " of " + source.source()
                        + " is also a question of " + input.questions().name() + "; few-shot examples must come from"
                        + " a disjoint split, or the probe measures recall of the example");
            }
        }
        return examples;
    }

    private QuestionSet source(ProbeInput input) {
        if (!file.isEmpty()) {
            return Datasets.questionFile(Path.of(file), input.questions().name() + "-shots");
        }
        String name = input.questions().name();
        Optional<String> subject = BenchmarkNames.mmluSubject(name);
        if (subject.isEmpty()) {
            throw new IllegalArgumentException("@FewShot on " + name + " needs file = \"<questions in the WMDP schema,"
                    + " disjoint from the benchmark's>\"; only mmlu: subjects have a dev split to take examples from");
        }
        Path root = input.settings().mmlu().orElseThrow(() -> new WmdpConfigurationException(
                "@FewShot on " + name + " takes its examples from the dev split: set " + WmdpConfiguration.MMLU));
        try {
            return Datasets.mmlu(root).dev(subject.get());
        } catch (DatasetException e) {
            throw new WmdpConfigurationException(WmdpConfiguration.MMLU + " = " + root + ": " + e.getMessage(), e);
        }
    }
}

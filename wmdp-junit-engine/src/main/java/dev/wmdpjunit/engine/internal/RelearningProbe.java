package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.model.ModelIdentity;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.model.Relearner;
import dev.wmdpjunit.core.model.RelearningSettings;
import dev.wmdpjunit.core.prompt.PythonText;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.FrameworkVersion;
import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.core.results.ProbeVariant;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.engine.Relearning;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@link Relearning}: the benchmark's held-out questions on copies of the candidate fine-tuned for each of the
 * steps. Variants {@code step-<k>}; only the last is judged. Measurements: {@code heldOut} and {@code excluded}
 * (questions scored, and left out because the corpus holds them), {@code gain} (accuracy after the last step minus
 * before), and {@code recovered} = gain / (base accuracy - accuracy before) when the base model was scored and knew
 * more than the candidate.
 *
 * @param corpus   the relearning corpus
 * @param steps    ascending, distinct, from 0
 * @param settings how to fine-tune
 */
record RelearningProbe(String corpus, List<Integer> steps, RelearningSettings settings) implements Probe {

    static final String ID = "relearning";
    /** Version of the fine-tuning rule, part of the cache key. */
    private static final int RULE_VERSION = 1;
    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.engine");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String key() {
        return ID + "-" + Sha256.ofBytes(declaration().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    @Override
    public String describe() {
        return "after relearning " + steps.get(steps.size() - 1) + " steps on " + Path.of(corpus).getFileName();
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("corpus", corpus);
        parameters.put("steps", steps.stream().map(String::valueOf).collect(Collectors.joining(",")));
        parameters.put("lr", Double.toString(settings.lr()));
        parameters.put("batchSize", Integer.toString(settings.batchSize()));
        parameters.put("maxLength", Integer.toString(settings.maxLength()));
        parameters.put("params", settings.parameters());
        parameters.put("optimizer", "torch AdamW (betas 0.9/0.999, eps 1e-8, weight decay 0.01), constant lr");
        return parameters;
    }

    private String declaration() {
        return corpus + "|" + steps + "|" + settings;
    }

    @Override
    public ProbeResult measure(ProbeInput input) {
        ModelIdentity identity = input.model().identity();
        if (!identity.kind().equals(ModelIdentity.FOLDER)) {
            throw new UnsupportedOperationException("probe " + ID + " is not supported by this backend: it fine-tunes"
                    + " a copy of a checkpoint folder, and the model is a " + identity.kind() + " (" + identity.path()
                    + ")");
        }
        Path checkpoint = Path.of(identity.path());
        List<Relearner> installed = Relearner.installed();
        Relearner relearner = installed.stream().filter(r -> r.supports(checkpoint)).findFirst()
                .orElseThrow(() -> new UnsupportedOperationException("probe " + ID + " is not supported by this"
                        + " backend: no Relearner on the class path supports " + checkpoint + " (installed: "
                        + installed.stream().map(Relearner::name).toList() + "); rmu-fixture provides one for"
                        + " checkpoints the DJL backend opens"));
        Path corpusFile = Path.of(corpus);
        if (!Files.isRegularFile(corpusFile)) {
            throw new IllegalArgumentException("@Relearning(corpus = \"" + corpus + "\"): no such file "
                    + corpusFile.toAbsolutePath());
        }
        QuestionSet heldOut = heldOut(input.questions(), relearner.documents(corpusFile));
        SortedMap<Integer, Path> copies = copies(relearner, checkpoint, corpusFile, input);
        DomainResult before = subset(input.plain(), heldOut);
        List<ProbeVariant> variants = new ArrayList<>();
        DomainResult last = before;
        for (int step : steps) {
            DomainResult result = step == 0 ? before : scoreCopy(copies.get(step), heldOut, input, step);
            variants.add(new ProbeVariant("step-" + step, step == steps.get(steps.size() - 1), result, Map.of()));
            last = result;
        }
        Map<String, Double> measurements = new LinkedHashMap<>();
        measurements.put("heldOut", (double) heldOut.size());
        measurements.put("excluded", (double) (input.questions().size() - heldOut.size()));
        double gain = last.accuracy() - before.accuracy();
        measurements.put("gain", gain);
        input.scores().base().map(base -> subset(base, heldOut)).filter(base -> base.accuracy()
                > before.accuracy()).ifPresent(base -> measurements.put("recovered",
                gain / (base.accuracy() - before.accuracy())));
        return new ProbeResult(FrameworkVersion.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS), ID, key(),
                input.plain().domain(), "accuracy on the " + heldOut.size() + " questions the corpus does not contain,"
                + " after fine-tuning copies of the model on " + corpus + " for each number of steps (step-0 is the"
                + " model itself); gain = last minus step-0 accuracy; recovered = gain / (base - step-0 accuracy)",
                parameters(), variants, measurements);
    }

    /** The questions whose text occurs in no document of the corpus. */
    private static QuestionSet heldOut(QuestionSet questions, List<String> documents) {
        List<Question> kept = questions.questions().stream().filter(q -> {
            String text = PythonText.strip(q.question());
            return documents.stream().noneMatch(d -> d.contains(text));
        }).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("the relearning corpus contains every question of "
                    + questions.name() + "; relearn on other text so that some questions measure recovery");
        }
        return new QuestionSet(questions.name(), kept, questions.source(), questions.sha256());
    }

    /** The result restricted to the questions of {@code subset}. */
    private static DomainResult subset(DomainResult result, QuestionSet subset) {
        Set<String> ids = subset.questions().stream().map(Question::id).collect(Collectors.toSet());
        List<QuestionResult> kept = result.questions().stream().filter(q -> ids.contains(q.id())).toList();
        return DomainResult.of(result.domain(), kept, result.promptFormat(), result.model(), result.dataset());
    }

    private DomainResult scoreCopy(Path copy, QuestionSet heldOut, ProbeInput input, int step) {
        try (OpenedModel model = input.open(copy, "model relearned for " + step + " steps")) {
            return input.score(model, heldOut, "step " + step);
        }
    }

    /**
     * The fine-tuned copies in the probe cache, {@code <cache>/relearning-<key>/step-<k>}, keyed by the SHA-256 of
     * the candidate, of the corpus's bytes and of the settings; the missing ones are trained now, in one run.
     */
    private SortedMap<Integer, Path> copies(Relearner relearner, Path checkpoint, Path corpusFile, ProbeInput input) {
        String key = Sha256.ofBytes((input.model().identity().sha256() + "|" + Sha256.ofFile(corpusFile) + "|"
                + settings + "|" + RULE_VERSION).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Path folder = input.settings().probeCache().resolve(ID + "-" + key).toAbsolutePath();
        SortedMap<Integer, Path> all = new TreeMap<>();
        SortedMap<Integer, Path> missing = new TreeMap<>();
        for (int step : steps) {
            if (step > 0) {
                Path copy = folder.resolve("step-" + step);
                all.put(step, copy);
                if (!Files.isDirectory(copy)) {
                    missing.put(step, copy);
                }
            }
        }
        if (!missing.isEmpty()) {
            LOGGER.log(System.Logger.Level.INFO, "{0}: relearning {1} steps on {2} with {3}; copies go to {4}",
                    input.label(), missing.lastKey(), corpus, relearner.name(), folder);
            try {
                relearner.relearn(checkpoint, corpusFile, settings, missing);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write relearned copies of " + checkpoint + " to " + folder
                        + " (configuration key " + WmdpConfiguration.PROBE_CACHE + ")", e);
            }
        }
        return all;
    }

    /** Reads {@link Relearning}, checked. */
    static RelearningProbe of(Relearning annotation) {
        int[] steps = annotation.steps();
        boolean ascending = steps.length > 0 && steps[0] >= 0;
        for (int i = 1; i < steps.length; i++) {
            ascending &= steps[i] > steps[i - 1];
        }
        if (!ascending || steps[steps.length - 1] == 0) {
            throw new IllegalArgumentException("@Relearning(steps = " + Arrays.toString(steps) + "): ascending,"
                    + " distinct, from 0, the last above 0");
        }
        if (annotation.corpus().isBlank()) {
            throw new IllegalArgumentException("@Relearning needs corpus = \"<documents to fine-tune on>\"");
        }
        return new RelearningProbe(annotation.corpus().strip(), Arrays.stream(steps).boxed().toList(),
                new RelearningSettings(annotation.lr(), annotation.batchSize(), annotation.maxLength(),
                        annotation.params()));
    }
}

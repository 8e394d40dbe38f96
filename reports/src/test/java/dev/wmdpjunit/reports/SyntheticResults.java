package dev.wmdpjunit.reports;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.results.Artifact;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.core.results.RmuRun;
import dev.wmdpjunit.core.results.RmuRunJson;
import dev.wmdpjunit.core.results.SuiteVerdicts;
import dev.wmdpjunit.core.results.VerdictsJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Results folders made with core's results API from the synthetic questions, laid out as the engine writes them,
 * plus the RMU fixture's rmu.json and the engine's verdicts.json in their documented formats.
 */
public final class SyntheticResults {

    public static final Instant SCORED_AT = Instant.parse("2026-11-28T02:10:27Z");

    private SyntheticResults() {
    }

    /**
     * A model's result answering exactly {@code round(n * accuracy)} questions right (chosen by the seed): the
     * predicted choice gets the highest loglikelihood, a wrong one is the next letter after gold.
     */
    public static DomainResult score(QuestionSet set, double accuracy, String modelPath, long seed) {
        int n = set.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Random random = new Random(seed);
        Collections.shuffle(order, random);
        boolean[] right = new boolean[n];
        for (int i = 0; i < Math.round(n * accuracy); i++) {
            right[order.get(i)] = true;
        }
        List<QuestionResult> questions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Question q = set.questions().get(i);
            int predicted = right[i] ? q.answer() : (q.answer() + 1) % 4;
            double[] lls = new double[4];
            boolean[] greedy = new boolean[4];
            for (int c = 0; c < 4; c++) {
                lls[c] = c == predicted ? -0.5 - random.nextDouble() * 0.1 : -1.0 - random.nextDouble() * 3;
                greedy[c] = c == predicted;
            }
            questions.add(new QuestionResult(q.id(), q.answer(), predicted, lls, greedy));
        }
        return DomainResult.of(set.name(), questions, "lm-eval-0.4.2", artifact(modelPath),
                new Artifact(set.source(), set.sha256()));
    }

    /** The artifact of a model path, its hash derived from the path (the directory need not hold weights). */
    public static Artifact artifact(String modelPath) {
        return new Artifact(modelPath, Sha256.ofBytes(modelPath.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes {@code <root>/<suite>/<domain>.json} and, when given, {@code .../base/<domain>.json}. */
    public static void write(Path root, String suite, DomainResult candidate, DomainResult base) throws IOException {
        ResultsJson.write(root.resolve(suite), new ResultsFile("0.1.0-SNAPSHOT", SCORED_AT, candidate));
        if (base != null) {
            ResultsJson.write(root.resolve(suite).resolve(ResultsJson.BASE_MODEL_FOLDER),
                    new ResultsFile("0.1.0-SNAPSHOT", SCORED_AT, base));
        }
    }

    /** A verdict entry as the engine writes it, decided on {@code scores}. */
    public static SuiteVerdicts.Entry verdict(String test, String threshold, String outcome, String details,
                                              DomainResult scores) {
        return new SuiteVerdicts.Entry(scores.domain(), test, "[engine:wmdp-junit]/[suite:x]/[domain:"
                + scores.domain() + "]/[threshold:" + test + "]", threshold, Optional.empty(), outcome, details,
                OptionalDouble.of(scores.accuracy()), Optional.of(scores.ci()), SCORED_AT,
                SuiteVerdicts.Scores.of(scores), Optional.empty());
    }

    /** Writes {@code <root>/<suite>/verdicts.json} with core's codec, as the engine does. */
    public static void writeVerdicts(Path root, String suite, List<SuiteVerdicts.Entry> verdicts) throws IOException {
        Files.createDirectories(root.resolve(suite));
        VerdictsJson.write(root.resolve(suite), new SuiteVerdicts(suite, Optional.empty(), verdicts));
    }

    /** Writes an rmu.json with core's codec, as the RMU fixture's cache does, with {@code steps} decreasing forget losses. */
    public static List<double[]> writeRmu(Path checkpoint, int steps) throws IOException {
        List<double[]> losses = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            double forget = 40.0 / (1 + i) + 0.125 * i;
            double retain = 0.01 * i + 0.0625;
            losses.add(new double[] {forget, retain, forget + retain});
        }
        Map<String, Object> hyperparameters = new LinkedHashMap<>();
        hyperparameters.put("layer_id", 1);
        hyperparameters.put("layer_ids", List.of(0, 1));
        hyperparameters.put("steering_coeffs", List.of(6.5));
        hyperparameters.put("alpha", List.of(1200.0));
        hyperparameters.put("lr", 5.0e-4);
        hyperparameters.put("max_num_batches", steps);
        Files.createDirectories(checkpoint);
        RmuRunJson.write(checkpoint, new RmuRun("3f".repeat(32), Map.of("format", "wmdp-junit rmu-fixture cache 1",
                "hyperparameters", hyperparameters), "/models/base", List.of("/corpora/forget.jsonl"),
                List.of("/corpora/retain.txt"), losses.stream().map(l -> new RmuRun.Step(l[0], l[1], l[2])).toList(),
                Optional.of(new RmuRun.CollapseCheck(12.5, 13.25, 1.5, false)), Map.of()));
        return losses;
    }
}

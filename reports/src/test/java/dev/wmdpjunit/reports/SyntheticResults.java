package dev.wmdpjunit.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.results.Artifact;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.results.ResultsJson;
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
import java.util.Random;

/**
 * Results folders made with core's results API from the synthetic questions, laid out as the engine writes them,
 * plus the RMU fixture's rmu.json and the engine's verdicts.json in their documented formats.
 */
public final class SyntheticResults {

    public static final Instant SCORED_AT = Instant.parse("2026-11-28T02:10:27Z");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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

    /** A verdict entry as the engine's VerdictsFile writes it, decided on {@code scores}. */
    public static Map<String, Object> verdict(String test, String threshold, String outcome, String details,
                                              DomainResult scores) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("domain", scores.domain());
        entry.put("test", test);
        entry.put("uniqueId", "[engine:wmdp-junit]/[suite:x]/[domain:" + scores.domain() + "]/[threshold:" + test
                + "]");
        entry.put("threshold", threshold);
        entry.put("outcome", outcome);
        entry.put("details", details);
        entry.put("estimate", scores.accuracy());
        entry.put("interval", Map.of("lower", scores.ci().lower(), "upper", scores.ci().upper(),
                "confidence", 0.95, "method", "wilson"));
        entry.put("decidedAt", SCORED_AT.toString());
        entry.put("scores", Map.of("model", scores.model().sha256(), "dataset", scores.dataset().sha256(),
                "n", scores.n(), "correct", scores.correct()));
        return entry;
    }

    public static void writeVerdicts(Path root, String suite, List<Map<String, Object>> verdicts) throws IOException {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("suite", suite);
        file.put("verdicts", verdicts);
        Files.createDirectories(root.resolve(suite));
        JSON.writeValue(root.resolve(suite).resolve("verdicts.json").toFile(), file);
    }

    /** Writes an rmu.json as the RMU fixture's cache does, with {@code steps} decreasing forget losses. */
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
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("key", "3f".repeat(32));
        report.put("inputs", Map.of("format", "wmdp-junit rmu-fixture cache 1", "hyperparameters", hyperparameters));
        report.put("base_model_dir", "/models/base");
        report.put("steps", steps);
        report.put("losses", losses);
        report.put("collapse_check", Map.of("perplexity_before", 12.5, "perplexity_after", 13.25,
                "max_ratio", 1.5, "collapsed", false));
        Files.createDirectories(checkpoint);
        JSON.writeValue(checkpoint.resolve("rmu.json").toFile(), report);
        return losses;
    }
}

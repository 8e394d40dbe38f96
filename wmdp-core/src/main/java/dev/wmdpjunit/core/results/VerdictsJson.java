package dev.wmdpjunit.core.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.core.stats.Interval;
import dev.wmdpjunit.core.stats.IntervalMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads and writes a suite's verdicts file, {@code <results>/<suite class name>/verdicts.json}: the one owner of its
 * format (the engine writes it, reports read it; the format is in the engine's README):
 * <pre>
 * {suite, run: {startedAt, errors}, verdicts: [{domain, test, uniqueId, threshold, probe?, outcome, details,
 *   estimate, interval: {lower, upper, confidence, method} | null, decidedAt, scores: {model, dataset, n, correct},
 *   baselineScores?}]}
 * </pre>
 * Written atomically, verdicts sorted by domain and test. Reading checks every field the format requires; a problem
 * is a {@link ResultsFormatException} naming the file and the field ({@code verdicts[0].outcome}).
 */
public final class VerdictsJson {

    /** The file's name in a suite's results folder. */
    public static final String FILE_NAME = "verdicts.json";

    private VerdictsJson() {
    }

    /** The verdicts file of the suite whose results folder is {@code suiteResultsDir}. */
    public static Path file(Path suiteResultsDir) {
        return suiteResultsDir.resolve(FILE_NAME);
    }

    /** The file's verdicts; empty when there is none (a suite whose thresholds were never decided). */
    public static Optional<SuiteVerdicts> readIfPresent(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** Reads and checks a verdicts file. */
    public static SuiteVerdicts read(Path file) throws IOException {
        JsonNode root = ResultsJson.readObject(file);
        ResultsJson.TreeReader reader = new ResultsJson.TreeReader(file);
        JsonNode array = reader.required(root, "", "verdicts");
        if (!array.isArray()) {
            throw reader.error("verdicts", "expected an array");
        }
        Optional<SuiteVerdicts.Run> run = Optional.empty();
        JsonNode runNode = root.get("run");
        if (runNode != null) {
            List<String> errors = new ArrayList<>();
            JsonNode errorsNode = runNode.path("errors");
            for (int i = 0; i < errorsNode.size(); i++) {
                if (!errorsNode.get(i).isTextual()) {
                    throw reader.error("run.errors[" + i + "]", "expected a string");
                }
                errors.add(errorsNode.get(i).textValue());
            }
            run = Optional.of(new SuiteVerdicts.Run(runNode.has("startedAt")
                    ? Optional.of(reader.instant(runNode, "run.", "startedAt")) : Optional.empty(), errors));
        }
        List<SuiteVerdicts.Entry> verdicts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            verdicts.add(entry(reader, array.get(i), "verdicts[" + i + "]."));
        }
        String suite = root.has("suite") ? reader.text(root, "", "suite") : file.toAbsolutePath().getParent()
                .getFileName().toString();
        return new SuiteVerdicts(suite, run, verdicts);
    }

    private static SuiteVerdicts.Entry entry(ResultsJson.TreeReader reader, JsonNode node, String at)
            throws ResultsFormatException {
        JsonNode estimate = node.path("estimate");
        JsonNode interval = node.path("interval");
        JsonNode baselineScores = node.get("baselineScores");
        return new SuiteVerdicts.Entry(reader.text(node, at, "domain"), reader.text(node, at, "test"),
                node.has("uniqueId") ? reader.text(node, at, "uniqueId") : "",
                reader.text(node, at, "threshold"),
                node.has("probe") ? Optional.of(reader.text(node, at, "probe")) : Optional.empty(),
                reader.text(node, at, "outcome"), reader.text(node, at, "details"),
                estimate.isNumber() ? OptionalDouble.of(estimate.doubleValue()) : OptionalDouble.empty(),
                interval.isObject() ? Optional.of(interval(reader, interval, at + "interval.")) : Optional.empty(),
                reader.instant(node, at, "decidedAt"), scores(reader, reader.required(node, at, "scores"),
                        at + "scores."),
                baselineScores == null ? Optional.empty()
                        : Optional.of(scores(reader, baselineScores, at + "baselineScores.")));
    }

    private static Interval interval(ResultsJson.TreeReader reader, JsonNode node, String at)
            throws ResultsFormatException {
        try {
            return new Interval(node.path("lower").asDouble(Double.NaN), node.path("upper").asDouble(Double.NaN),
                    node.path("confidence").asDouble(Double.NaN),
                    IntervalMethod.fromId(reader.text(node, at, "method")));
        } catch (IllegalArgumentException e) {
            throw reader.error(at.substring(0, at.length() - 1), e.getMessage());
        }
    }

    private static SuiteVerdicts.Scores scores(ResultsJson.TreeReader reader, JsonNode node, String at)
            throws ResultsFormatException {
        return new SuiteVerdicts.Scores(reader.text(node, at, "model"), reader.text(node, at, "dataset"),
                reader.integer(node, at, "n"), reader.integer(node, at, "correct"));
    }

    /**
     * Writes the file atomically into {@code suiteResultsDir}, replacing an older one.
     *
     * @return the written file
     */
    public static Path write(Path suiteResultsDir, SuiteVerdicts verdicts) throws IOException {
        ObjectNode root = ResultsJson.createObjectNode();
        root.put("suite", verdicts.suite());
        verdicts.run().ifPresent(run -> {
            ObjectNode node = root.putObject("run");
            run.startedAt().ifPresent(start -> node.put("startedAt", start.toString()));
            ArrayNode errors = node.putArray("errors");
            run.errors().forEach(errors::add);
        });
        ArrayNode array = root.putArray("verdicts");
        verdicts.verdicts().forEach(entry -> put(array.addObject(), entry));
        Path file = file(suiteResultsDir);
        ResultsJson.writeTree(file, root);
        return file;
    }

    private static void put(ObjectNode node, SuiteVerdicts.Entry entry) {
        node.put("domain", entry.domain());
        node.put("test", entry.test());
        node.put("uniqueId", entry.uniqueId());
        node.put("threshold", entry.threshold());
        entry.probe().ifPresent(key -> node.put("probe", key));
        node.put("outcome", entry.outcome());
        node.put("details", entry.details());
        if (entry.estimate().isPresent()) {
            node.put("estimate", entry.estimate().getAsDouble());
        } else {
            node.putNull("estimate");
        }
        entry.interval().ifPresentOrElse(interval -> {
            ObjectNode ci = node.putObject("interval");
            ci.put("lower", interval.lower());
            ci.put("upper", interval.upper());
            ci.put("confidence", interval.confidence());
            ci.put("method", interval.method().id());
        }, () -> node.putNull("interval"));
        node.put("decidedAt", entry.decidedAt().toString());
        putScores(node.putObject("scores"), entry.scores());
        entry.baselineScores().ifPresent(scores -> putScores(node.putObject("baselineScores"), scores));
    }

    private static void putScores(ObjectNode node, SuiteVerdicts.Scores scores) {
        node.put("model", scores.model());
        node.put("dataset", scores.dataset());
        node.put("n", scores.n());
        node.put("correct", scores.correct());
    }
}

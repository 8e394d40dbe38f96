package dev.wmdpjunit.reports.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.results.DomainResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the engine's {@code <results>/<suite>/verdicts.json} (format in the engine's README): the verdicts of the
 * suite's thresholds, each with the scores it was decided on, and the suite's latest run (when it started, what
 * kept it from deciding thresholds).
 */
public final class VerdictsJson {

    public static final String FILE_NAME = "verdicts.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VerdictsJson() {
    }

    /**
     * One entry of the file.
     *
     * @param model            SHA-256 of the model whose scores it was decided on
     * @param dataset          SHA-256 of their dataset
     * @param decidedByLastRun false when the file records a later run start than the verdict's decidedAt
     */
    record Entry(String test, String threshold, String outcome, String details, String model, String dataset, int n,
                 int correct, boolean decidedByLastRun) {

        /** The verdict, marked current when the last run decided it on exactly these scores. */
        RecordedVerdict against(DomainResult result) {
            boolean current = decidedByLastRun && model.equals(result.model().sha256())
                    && dataset.equals(result.dataset().sha256()) && n == result.n() && correct == result.correct();
            return new RecordedVerdict(test, threshold, outcome, details, current);
        }
    }

    /**
     * The file's content.
     *
     * @param byDomain  the entries by benchmark, in file order
     * @param runErrors what kept the suite's latest run from deciding thresholds
     */
    record Contents(Map<String, List<Entry>> byDomain, List<String> runErrors) {
    }

    /**
     * A benchmark's verdicts in {@code file}, each marked current when decided on {@code result}'s scores.
     *
     * @throws ReportInputException naming the file and the field when it is malformed
     */
    public static List<RecordedVerdict> verdicts(Path file, DomainResult result) {
        return read(file).byDomain().getOrDefault(result.domain(), List.of()).stream().map(e -> e.against(result))
                .toList();
    }

    /**
     * The entries by benchmark, in file order, and the latest run's errors; none when there is no file (a run
     * before the engine wrote one).
     *
     * @throws ReportInputException naming the file and the field when it is malformed
     */
    static Contents read(Path file) {
        Map<String, List<Entry>> byDomain = new LinkedHashMap<>();
        List<String> runErrors = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Contents(byDomain, runErrors);
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ReportInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonNode verdicts = root == null ? null : root.get("verdicts");
        if (verdicts == null || !verdicts.isArray()) {
            throw new ReportInputException(file, "verdicts", "expected an array");
        }
        // Files written before the engine recorded runs have no run: every verdict counts as the last run's.
        JsonNode run = root.path("run");
        Optional<Instant> runStart = run.has("startedAt")
                ? Optional.of(new Fields(file, "run.", run).instant("startedAt")) : Optional.empty();
        run.path("errors").forEach(error -> runErrors.add(error.asText()));
        for (int i = 0; i < verdicts.size(); i++) {
            Fields fields = new Fields(file, "verdicts[" + i + "].", verdicts.get(i));
            JsonNode scores = verdicts.get(i).path("scores");
            Fields scored = new Fields(file, "verdicts[" + i + "].scores.", scores);
            boolean decidedByLastRun = runStart.isEmpty() || !fields.instant("decidedAt").isBefore(runStart.get());
            Entry entry = new Entry(fields.text("test"), fields.text("threshold"), fields.text("outcome"),
                    fields.text("details"), scored.text("model"), scored.text("dataset"), scored.integer("n"),
                    scored.integer("correct"), decidedByLastRun);
            byDomain.computeIfAbsent(fields.text("domain"), d -> new ArrayList<>()).add(entry);
        }
        return new Contents(byDomain, runErrors);
    }

    /** Required fields of one JSON object, with errors that name the file and the field's path. */
    private record Fields(Path file, String prefix, JsonNode node) {

        String text(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.isTextual()) {
                throw new ReportInputException(file, prefix + name, value == null ? "missing" : "expected a string");
            }
            return value.textValue();
        }

        Instant instant(String name) {
            String text = text(name);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new ReportInputException(file, prefix + name, "expected an ISO-8601 instant, got '" + text + "'");
            }
        }

        int integer(String name) {
            JsonNode value = node.get(name);
            if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
                throw new ReportInputException(file, prefix + name, value == null ? "missing" : "expected an integer");
            }
            return value.intValue();
        }
    }
}

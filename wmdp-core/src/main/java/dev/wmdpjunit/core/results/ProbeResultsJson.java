package dev.wmdpjunit.core.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@link ProbeResult}s, the one owner of the probe files (schema in {@code wmdp-core/RESULTS.md}).
 * A probe of key {@code k} on benchmark {@code b} is written under a probes folder as
 * <pre>
 * &lt;probes&gt;/k/&lt;b&gt;.json              the summary: probe, parameters, measurements, one entry per variant
 * &lt;probes&gt;/k/&lt;variant&gt;/&lt;b&gt;.json    each variant's result, per question, as a {@link ResultsJson} file
 * </pre>
 * ({@code <b>.json} is {@link ResultsJson#fileName}). Files are written atomically, variants first, so a summary
 * never names a variant file that is not there. Reading is strict: an unknown or missing field, or a variant whose
 * counts disagree with its results file, is a {@link ResultsFormatException} naming the file and field.
 */
public final class ProbeResultsJson {

    private static final Set<String> ROOT_FIELDS = Set.of("frameworkVersion", "createdAt", "probe", "key", "benchmark",
            "description", "parameters", "measurements", "variants");
    private static final Set<String> VARIANT_FIELDS = Set.of("name", "judged", "results", "n", "correct", "accuracy",
            "measurements");
    private static final ObjectMapper MAPPER = ResultsJson.MAPPER;

    private ProbeResultsJson() {
    }

    /** The summary file of probe {@code key} on {@code benchmark} under {@code probesDir}. */
    public static Path file(Path probesDir, String key, String benchmark) {
        return probesDir.resolve(key).resolve(ResultsJson.fileName(benchmark));
    }

    /**
     * Writes the variants' results files and the summary, replacing older ones.
     *
     * @return the summary file
     */
    public static Path write(Path probesDir, ProbeResult probe) throws IOException {
        Path summary = file(probesDir, probe.key(), probe.benchmark());
        ObjectNode root = MAPPER.createObjectNode();
        root.put("frameworkVersion", probe.frameworkVersion());
        root.put("createdAt", probe.createdAt().toString());
        root.put("probe", probe.probe());
        root.put("key", probe.key());
        root.put("benchmark", probe.benchmark());
        root.put("description", probe.description());
        ObjectNode parameters = root.putObject("parameters");
        probe.parameters().forEach(parameters::put);
        putNumbers(root.putObject("measurements"), probe.measurements());
        var variants = root.putArray("variants");
        for (ProbeVariant variant : probe.variants()) {
            Path written = ResultsJson.write(summary.getParent().resolve(variant.name()),
                    new ResultsFile(probe.frameworkVersion(), probe.createdAt(), variant.result()));
            ObjectNode node = variants.addObject();
            node.put("name", variant.name());
            node.put("judged", variant.judged());
            node.put("results", summary.getParent().relativize(written).toString().replace('\\', '/'));
            node.put("n", variant.result().n());
            node.put("correct", variant.result().correct());
            node.put("accuracy", variant.result().accuracy());
            putNumbers(node.putObject("measurements"), variant.measurements());
        }
        AtomicFiles.write(summary, out -> {
            MAPPER.writer(ResultsJson.PRETTY).writeValue(out, root);
            out.write('\n');
        });
        return summary;
    }

    /** Reads a summary file and the variants' results files it names. */
    public static ProbeResult read(Path summary) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(summary.toFile());
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException(summary, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        Reader reader = new Reader(summary);
        reader.object(root, "", ROOT_FIELDS);
        String benchmark = reader.text(root, "benchmark");
        List<ProbeVariant> variants = new ArrayList<>();
        JsonNode array = reader.required(root, "variants");
        if (!array.isArray() || array.isEmpty()) {
            throw new ResultsFormatException(summary, "variants", "expected a non-empty array");
        }
        for (int i = 0; i < array.size(); i++) {
            variants.add(reader.variant(array.get(i), "variants[" + i + "]", benchmark));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode parameterNode = reader.required(root, "parameters");
        if (!parameterNode.isObject()) {
            throw new ResultsFormatException(summary, "parameters", "expected an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = parameterNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new ResultsFormatException(summary, "parameters." + entry.getKey(), "expected a string");
            }
            parameters.put(entry.getKey(), entry.getValue().textValue());
        }
        try {
            return new ProbeResult(reader.text(root, "frameworkVersion"), reader.instant(root, "createdAt"),
                    reader.text(root, "probe"), reader.text(root, "key"), benchmark,
                    reader.text(root, "description"), parameters, variants,
                    reader.numbers(root.get("measurements"), "measurements"));
        } catch (IllegalArgumentException e) {
            throw new ResultsFormatException(summary, "", e.getMessage());
        }
    }

    private static void putNumbers(ObjectNode node, Map<String, Double> numbers) {
        numbers.forEach(node::put);
    }

    /** Field-by-field reading of one summary file. */
    private record Reader(Path file) {

        ProbeVariant variant(JsonNode node, String path, String benchmark) throws IOException {
            object(node, path, VARIANT_FIELDS);
            String name = text(node, path + ".name");
            JsonNode judged = required(node, path + ".judged");
            if (!judged.isBoolean()) {
                throw error(path + ".judged", "expected true or false");
            }
            Path resultsFile = file.getParent().resolve(text(node, path + ".results")).normalize();
            if (!resultsFile.startsWith(file.getParent())) {
                throw error(path + ".results", "must name a file below " + file.getParent());
            }
            DomainResult result = ResultsJson.read(resultsFile).result();
            if (!result.domain().equals(benchmark)) {
                throw error(path + ".results", resultsFile + " holds " + result.domain() + ", not " + benchmark);
            }
            int n = required(node, path + ".n").asInt(-1);
            int correct = required(node, path + ".correct").asInt(-1);
            if (n != result.n() || correct != result.correct()
                    || required(node, path + ".accuracy").asDouble(Double.NaN) != result.accuracy()) {
                throw error(path, "n, correct and accuracy (" + n + ", " + correct + ") disagree with " + resultsFile
                        + " (" + result.n() + ", " + result.correct() + ")");
            }
            try {
                return new ProbeVariant(name, judged.booleanValue(), result,
                        numbers(node.get("measurements"), path + ".measurements"));
            } catch (IllegalArgumentException e) {
                throw error(path, e.getMessage());
            }
        }

        Map<String, Double> numbers(JsonNode node, String path) throws ResultsFormatException {
            if (node == null || !node.isObject()) {
                throw error(path, "expected an object of numbers");
            }
            Map<String, Double> numbers = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getValue().isNumber() || !Double.isFinite(entry.getValue().doubleValue())) {
                    throw error(path + "." + entry.getKey(), "expected a finite number");
                }
                numbers.put(entry.getKey(), entry.getValue().doubleValue());
            }
            return numbers;
        }

        void object(JsonNode node, String path, Set<String> fields) throws ResultsFormatException {
            if (node == null || !node.isObject()) {
                throw error(path, "expected an object");
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.contains(name)) {
                    throw error(path.isEmpty() ? name : path + "." + name, "unknown field; expected only " + fields);
                }
            }
            for (String field : fields) {
                if (!node.has(field)) {
                    throw error(path.isEmpty() ? field : path + "." + field, "missing");
                }
            }
        }

        JsonNode required(JsonNode node, String path) throws ResultsFormatException {
            JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
            if (value == null) {
                throw error(path, "missing");
            }
            return value;
        }

        String text(JsonNode node, String path) throws ResultsFormatException {
            JsonNode value = required(node, path);
            if (!value.isTextual()) {
                throw error(path, "expected a string");
            }
            return value.textValue();
        }

        Instant instant(JsonNode node, String path) throws ResultsFormatException {
            String text = text(node, path);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw error(path, "expected an ISO-8601 UTC time, got \"" + text + "\"");
            }
        }

        ResultsFormatException error(String field, String problem) {
            return new ResultsFormatException(file, field, problem);
        }
    }
}

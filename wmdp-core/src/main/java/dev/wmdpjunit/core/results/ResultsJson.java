package dev.wmdpjunit.core.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.core.data.BenchmarkNames;
import dev.wmdpjunit.core.io.AtomicFiles;
import dev.wmdpjunit.core.model.ModelIdentity;
import dev.wmdpjunit.core.stats.Interval;
import dev.wmdpjunit.core.stats.IntervalMethod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes {@link ResultsFile}s as JSON, one pretty-printed file per domain. The schema is documented in
 * {@code wmdp-core/RESULTS.md}. Doubles are written in Java's shortest round-trip form, so loglikelihoods read
 * back bit for bit. Reading checks every field and that the summary numbers agree with the questions; any
 * problem is a {@link ResultsFormatException} naming the file and the field.
 */
public final class ResultsJson {

    /** Summary numbers stored in a file may differ from recomputed ones by this relative amount (library updates). */
    /**
     * The folder, next to a suite's results files, that holds the base model's results files (the model a
     * candidate is compared with): the engine writes it, reports read it.
     */
    public static final String BASE_MODEL_FOLDER = "base";
    /**
     * The name {@link #BASE_MODEL_FOLDER} had before "baseline" came to mean only a committed baseline; readers
     * still look there for results written by older versions.
     */
    public static final String OLD_BASE_MODEL_FOLDER = "baseline";

    private static final double SUMMARY_TOLERANCE = 1e-9;

    private static final Set<String> ROOT_FIELDS = Set.of("frameworkVersion", "createdAt", "domain", "n", "correct",
            "accuracy", "stderr", "ci", "promptFormat", "model", "dataset", "sample", "questions");
    private static final Set<String> CI_FIELDS = Set.of("lower", "upper", "confidence", "method");
    private static final Set<String> ARTIFACT_FIELDS = Set.of("path", "sha256");
    /** {@code kind}, {@code weightsHashed}, {@code details} are written only when not a folder's defaults. */
    private static final Set<String> MODEL_FIELDS = Set.of("path", "sha256", "kind", "weightsHashed", "details");
    private static final Set<String> SAMPLE_FIELDS = Set.of("seed", "population", "size", "rows");
    private static final Set<String> QUESTION_FIELDS = Set.of("id", "gold", "predicted", "loglikelihoods", "isGreedy");

    /** Strict reading (duplicate keys, trailing tokens), also for {@link ProbeResultsJson}. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    /** Objects one field a line with '\n' on every platform; arrays on one line, so a question stays short. */
    static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    /** How {@code mmlu:<subject>} files begin. */
    private static final String MMLU_FILE_PREFIX = safeName(BenchmarkNames.MMLU_PREFIX);

    private ResultsJson() {
    }

    /**
     * The file name for a domain: its name with characters other than letters, digits, '.', '_', '-' as '_'
     * ({@code mmlu:college_biology} gives {@code mmlu_college_biology.json}). Any other set whose name would give a
     * name beginning {@code mmlu_} (a custom set named {@code mmlu_college_biology}) gets {@code .custom} before
     * {@code .json}, so every name the engine accepts has a file of its own.
     */
    public static String fileName(String domain) {
        String name = safeName(domain);
        return (BenchmarkNames.source(domain) != BenchmarkNames.Source.MMLU && name.startsWith(MMLU_FILE_PREFIX)
                ? name + ".custom" : name) + ".json";
    }

    /**
     * The file in {@code directory} that holds {@code domain}'s results: {@link #fileName}, unless only the file
     * earlier versions wrote for it exists (the same name without {@code .custom}) and holds this domain. Use
     * it to find files that may have been written by an earlier version, such as committed baselines.
     */
    public static Path locate(Path directory, String domain) {
        Path file = directory.resolve(fileName(domain));
        Path earlier = directory.resolve(safeName(domain) + ".json");
        if (earlier.equals(file) || Files.exists(file) || !Files.isRegularFile(earlier)) {
            return file;
        }
        try {
            return domain.equals(readTree(earlier).path("domain").asText()) ? earlier : file;
        } catch (IOException e) {
            return file;   // not a results file this version can tell apart: not the domain's
        }
    }

    private static String safeName(String domain) {
        return domain.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Writes the file atomically to {@code directory/fileName(domain)}, replacing an older one.
     *
     * @return the written file
     */
    public static Path write(Path directory, ResultsFile file) throws IOException {
        Path target = directory.resolve(fileName(file.result().domain()));
        writeTree(target, toTree(file));
        return target;
    }

    /** Reads and validates a results file. */
    public static ResultsFile read(Path file) throws IOException {
        return new TreeReader(file).read(readTree(file));
    }

    /** Writes a tree atomically in this format's layout (also for {@link ShardJson}). */
    static void writeTree(Path target, ObjectNode tree) throws IOException {
        AtomicFiles.write(target, out -> {
            MAPPER.writer(PRETTY).writeValue(out, tree);
            out.write('\n');
        });
    }

    static ObjectNode createObjectNode() {
        return MAPPER.createObjectNode();
    }

    /** The parsed file, strictly (no duplicate keys, nothing after the value); missing for an empty file. */
    /** Parses a file of this family whose root must be an object (rmu.json, verdicts.json). */
    static JsonNode readObject(Path file) throws IOException {
        JsonNode root = readTree(file);
        if (!root.isObject()) {
            throw new TreeReader(file).error("", "expected a JSON object");
        }
        return root;
    }

    static JsonNode readTree(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException(file, "not valid JSON: " + e.getOriginalMessage() + at(e.getLocation()), e);
        }
        return root == null ? MissingNode.getInstance() : root;
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static ObjectNode toTree(ResultsFile file) {
        DomainResult result = file.result();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("frameworkVersion", file.frameworkVersion());
        root.put("createdAt", file.createdAt().toString());
        root.put("domain", result.domain());
        root.put("n", result.n());
        root.put("correct", result.correct());
        root.put("accuracy", result.accuracy());
        if (Double.isNaN(result.stderr())) {
            root.putNull("stderr");
        } else {
            root.put("stderr", result.stderr());
        }
        Interval ci = result.ci();
        ObjectNode ciNode = root.putObject("ci");
        ciNode.put("lower", ci.lower());
        ciNode.put("upper", ci.upper());
        ciNode.put("confidence", ci.confidence());
        ciNode.put("method", ci.method().id());
        root.put("promptFormat", result.promptFormat());
        putModel(root.putObject("model"), result.model());
        putArtifact(root.putObject("dataset"), result.dataset());
        file.sample().ifPresent(sample -> putSample(root.putObject("sample"), sample));
        putQuestions(root.putArray("questions"), result.questions());
        return root;
    }

    static void putQuestions(ArrayNode questions, List<QuestionResult> results) {
        for (QuestionResult q : results) {
            ObjectNode qNode = questions.addObject();
            qNode.put("id", q.id());
            qNode.put("gold", q.gold());
            qNode.put("predicted", q.predicted());
            ArrayNode lls = qNode.putArray("loglikelihoods");
            for (double ll : q.loglikelihoods()) {
                lls.add(ll);
            }
            ArrayNode greedy = qNode.putArray("isGreedy");
            for (boolean g : q.isGreedy()) {
                greedy.add(g);
            }
        }
    }

    /** A folder as {@code {path, sha256}}, as files always had it; anything else also with kind and details. */
    static void putModel(ObjectNode node, ModelIdentity model) {
        node.put("path", model.path());
        node.put("sha256", model.sha256());
        if (model.kind().equals(ModelIdentity.FOLDER) && model.weightsHashed() && model.details().isEmpty()) {
            return;
        }
        node.put("kind", model.kind());
        node.put("weightsHashed", model.weightsHashed());
        ObjectNode details = node.putObject("details");
        model.details().forEach(details::put);
    }

    static void putArtifact(ObjectNode node, Artifact artifact) {
        node.put("path", artifact.path());
        node.put("sha256", artifact.sha256());
    }

    static void putSample(ObjectNode node, Sample sample) {
        node.put("seed", sample.seed());
        node.put("population", sample.population());
        node.put("size", sample.size());
        ArrayNode rows = node.putArray("rows");
        sample.rows().forEach(rows::add);
    }

    /**
     * Reads a parsed file field by field; field names in messages are paths such as {@code questions[3].gold}. Also
     * reads the shared parts of {@link ShardJson} files.
     */
    static final class TreeReader {

        private final Path file;

        TreeReader(Path file) {
            this.file = file;
        }

        ResultsFile read(JsonNode root) throws ResultsFormatException {
            requireObject(root, "", ROOT_FIELDS);
            String frameworkVersion = text(root, "", "frameworkVersion");
            Instant createdAt = instant(root, "createdAt");
            String domain = text(root, "", "domain");
            int n = integer(root, "", "n");
            int correct = integer(root, "", "correct");
            double accuracy = number(root, "", "accuracy");
            JsonNode stderr = required(root, "", "stderr");
            JsonNode ci = required(root, "", "ci");
            requireObject(ci, "ci", CI_FIELDS);
            double lower = number(ci, "ci.", "lower");
            double upper = number(ci, "ci.", "upper");
            double confidence = number(ci, "ci.", "confidence");
            IntervalMethod method = intervalMethod(ci);
            String promptFormat = text(root, "", "promptFormat");
            ModelIdentity model = model(root);
            Artifact dataset = artifact(root, "dataset");
            Optional<Sample> sample = sample(root);
            List<QuestionResult> questions = questions(root, "");

            DomainResult result;
            try {
                result = DomainResult.of(domain, questions, promptFormat, model, dataset, method, confidence);
            } catch (IllegalArgumentException e) {
                throw new ResultsFormatException(file, "questions", e.getMessage());
            }
            expectEqual("n", n, result.n(), "the file has " + result.n() + " questions");
            expectEqual("correct", correct, result.correct(),
                    result.correct() + " questions have predicted == gold");
            expectClose("accuracy", accuracy, result.accuracy());
            expectStderr(stderr, result.stderr());
            expectClose("ci.lower", lower, result.ci().lower());
            expectClose("ci.upper", upper, result.ci().upper());
            if (sample.isPresent() && sample.get().size() != n) {
                throw error("sample.size", "is " + sample.get().size() + " but the file has " + n + " questions");
            }
            return new ResultsFile(frameworkVersion, createdAt, result, sample);
        }

        /** The optional field {@code sample}. */
        Optional<Sample> sample(JsonNode root) throws ResultsFormatException {
            JsonNode node = root.get("sample");
            if (node == null) {
                return Optional.empty();
            }
            requireObject(node, "sample", SAMPLE_FIELDS);
            JsonNode seed = required(node, "sample.", "seed");
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                throw error("sample.seed", "expected a whole number, got " + describe(seed));
            }
            int population = integer(node, "sample.", "population");
            int size = integer(node, "sample.", "size");
            List<Integer> rows = rows(node, "sample.", "rows");
            if (rows.size() != size) {
                throw error("sample.rows", "has " + rows.size() + " entries but sample.size is " + size);
            }
            try {
                return Optional.of(new Sample(seed.longValue(), population, rows));
            } catch (IllegalArgumentException e) {
                throw error("sample", e.getMessage());
            }
        }

        /** An array of whole numbers, possibly empty. */
        List<Integer> rows(JsonNode object, String prefix, String name) throws ResultsFormatException {
            JsonNode array = required(object, prefix, name);
            if (!array.isArray()) {
                throw error(prefix + name, "expected an array, got " + describe(array));
            }
            List<Integer> rows = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                JsonNode row = array.get(i);
                if (!row.isIntegralNumber() || !row.canConvertToInt()) {
                    throw error(prefix + name + "[" + i + "]", "expected a whole number, got " + describe(row));
                }
                rows.add(row.intValue());
            }
            return rows;
        }

        /** The array {@code questions} of {@code object}, whose path is {@code prefix}; possibly empty. */
        List<QuestionResult> questions(JsonNode object, String at) throws ResultsFormatException {
            JsonNode array = required(object, at, "questions");
            if (!array.isArray()) {
                throw error(at + "questions", "expected an array, got " + describe(array));
            }
            List<QuestionResult> questions = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                String path = at + "questions[" + i + "]";
                JsonNode q = array.get(i);
                requireObject(q, path, QUESTION_FIELDS);
                String prefix = path + ".";
                String id = text(q, prefix, "id");
                int gold = integer(q, prefix, "gold");
                int predicted = integer(q, prefix, "predicted");
                JsonNode lls = array(q, prefix, "loglikelihoods");
                JsonNode greedy = array(q, prefix, "isGreedy");
                if (greedy.size() != lls.size()) {
                    throw error(prefix + "isGreedy", "has " + greedy.size() + " entries but loglikelihoods has "
                            + lls.size());
                }
                double[] loglikelihoods = new double[lls.size()];
                boolean[] isGreedy = new boolean[greedy.size()];
                for (int c = 0; c < lls.size(); c++) {
                    loglikelihoods[c] = finite(lls.get(c), prefix + "loglikelihoods[" + c + "]");
                    JsonNode g = greedy.get(c);
                    if (!g.isBoolean()) {
                        throw error(prefix + "isGreedy[" + c + "]", "expected true or false, got " + describe(g));
                    }
                    isGreedy[c] = g.booleanValue();
                }
                questions.add(new QuestionResult(id, gold, predicted, loglikelihoods, isGreedy));
            }
            return questions;
        }

        Artifact artifact(JsonNode root, String name) throws ResultsFormatException {
            JsonNode node = required(root, "", name);
            requireObject(node, name, ARTIFACT_FIELDS);
            String path = text(node, name + ".", "path");
            String sha256 = text(node, name + ".", "sha256");
            try {
                return new Artifact(path, sha256);
            } catch (IllegalArgumentException e) {
                throw error(name + ".sha256", e.getMessage());
            }
        }

        private ModelIdentity model(JsonNode root) throws ResultsFormatException {
            return model(root, "");
        }

        /** The field {@code model} of {@code object}, whose path is {@code at}. */
        ModelIdentity model(JsonNode object, String at) throws ResultsFormatException {
            String field = at + "model";
            JsonNode node = required(object, at, "model");
            requireObject(node, field, MODEL_FIELDS);
            String path = text(node, field + ".", "path");
            String sha256 = text(node, field + ".", "sha256");
            String kind = node.has("kind") ? text(node, field + ".", "kind") : ModelIdentity.FOLDER;
            JsonNode hashed = node.path("weightsHashed");
            if (!hashed.isMissingNode() && !hashed.isBoolean()) {
                throw error(field + ".weightsHashed", "expected true or false, got " + describe(hashed));
            }
            Map<String, String> details = new TreeMap<>();
            JsonNode detailsNode = node.path("details");
            if (!detailsNode.isMissingNode()) {
                if (!detailsNode.isObject()) {
                    throw error(field + ".details", "expected an object of strings, got " + describe(detailsNode));
                }
                for (Iterator<String> names = detailsNode.fieldNames(); names.hasNext(); ) {
                    details.put(names.next(), "");
                }
                for (String name : details.keySet()) {
                    details.put(name, text(detailsNode, field + ".details.", name));
                }
            }
            try {
                return new ModelIdentity(kind, path, sha256, hashed.isMissingNode() || hashed.booleanValue(),
                        details);
            } catch (IllegalArgumentException e) {
                throw error(field + ".sha256", e.getMessage());
            }
        }

        private IntervalMethod intervalMethod(JsonNode ci) throws ResultsFormatException {
            String id = text(ci, "ci.", "method");
            try {
                return IntervalMethod.fromId(id);
            } catch (IllegalArgumentException e) {
                throw error("ci.method", e.getMessage());
            }
        }

        Instant instant(JsonNode root, String name) throws ResultsFormatException {
            return instant(root, "", name);
        }

        Instant instant(JsonNode object, String prefix, String name) throws ResultsFormatException {
            String value = text(object, prefix, name);
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw error(prefix + name, "expected an ISO-8601 UTC time such as 2026-11-28T02:10:27Z, got \""
                        + value + "\"");
            }
        }

        private void expectEqual(String field, int stored, int computed, String why) throws ResultsFormatException {
            if (stored != computed) {
                throw error(field, "is " + stored + " but " + why);
            }
        }

        private void expectClose(String field, double stored, double computed) throws ResultsFormatException {
            if (!(Math.abs(stored - computed) <= SUMMARY_TOLERANCE * Math.max(1, Math.abs(computed)))) {
                throw error(field, "is " + stored + " but the questions give " + computed);
            }
        }

        private void expectStderr(JsonNode stored, double computed) throws ResultsFormatException {
            if (Double.isNaN(computed)) {
                if (!stored.isNull()) {
                    throw error("stderr", "must be null for a single question (undefined), got " + describe(stored));
                }
                return;
            }
            expectClose("stderr", finite(stored, "stderr"), computed);
        }

        JsonNode required(JsonNode object, String prefix, String name) throws ResultsFormatException {
            JsonNode node = object.get(name);
            if (node == null) {
                throw error(prefix + name, "missing");
            }
            return node;
        }

        void requireObject(JsonNode node, String path, Set<String> fields) throws ResultsFormatException {
            if (!node.isObject()) {
                throw error(path, "expected an object, got " + describe(node));
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.contains(name)) {
                    throw error(path.isEmpty() ? name : path + "." + name, "unknown field; expected only " + fields);
                }
            }
        }

        String text(JsonNode object, String prefix, String name) throws ResultsFormatException {
            JsonNode node = required(object, prefix, name);
            if (!node.isTextual() || node.textValue().isBlank()) {
                throw error(prefix + name, "expected a non-empty string, got " + describe(node));
            }
            return node.textValue();
        }

        int integer(JsonNode object, String prefix, String name) throws ResultsFormatException {
            JsonNode node = required(object, prefix, name);
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw error(prefix + name, "expected an integer, got " + describe(node));
            }
            return node.intValue();
        }

        private double number(JsonNode object, String prefix, String name) throws ResultsFormatException {
            return finite(required(object, prefix, name), prefix + name);
        }

        private double finite(JsonNode node, String field) throws ResultsFormatException {
            if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
                throw error(field, "expected a finite number, got " + describe(node));
            }
            return node.doubleValue();
        }

        private JsonNode array(JsonNode object, String prefix, String name) throws ResultsFormatException {
            JsonNode node = required(object, prefix, name);
            if (!node.isArray() || node.isEmpty()) {
                throw error(prefix + name, "expected a non-empty array, got " + describe(node));
            }
            return node;
        }

        private static String describe(JsonNode node) {
            if (node.isMissingNode()) {
                return "nothing (the file is empty)";
            }
            String text = node.toString();
            return text.length() <= 60 ? text : text.substring(0, 57) + "...";
        }

        ResultsFormatException error(String field, String problem) {
            return new ResultsFormatException(file, field, problem);
        }
    }
}

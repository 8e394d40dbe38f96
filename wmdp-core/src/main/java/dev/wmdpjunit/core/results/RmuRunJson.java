package dev.wmdpjunit.core.results;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@code rmu.json}, the record of the RMU run that made an unlearned checkpoint ({@link RmuRun}):
 * the one owner of its format, so the RMU fixture that writes it and the reports that read it (without depending on
 * the fixture, which brings the DJL runtime) share one codec.
 * <pre>
 * {key, inputs: {..., hyperparameters: {...}}, base_model_dir, forget_corpus_files, retain_corpus_files, steps,
 *  losses: [[forget, retain, total], ...], collapse_check: {perplexity_before, perplexity_after, max_ratio,
 *  collapsed}, files: {name: {size, sha256}}}
 * </pre>
 * Written atomically. Reading checks every field; a problem is a {@link ResultsFormatException} naming the file and
 * the field ({@code losses[3]}).
 */
public final class RmuRunJson {

    /** The file's name in an unlearned checkpoint's folder. */
    public static final String FILE_NAME = "rmu.json";
    static final String HYPERPARAMETERS = "hyperparameters";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private RmuRunJson() {
    }

    /** The rmu.json of the checkpoint in {@code checkpoint}. */
    public static Path file(Path checkpoint) {
        return checkpoint.resolve(FILE_NAME);
    }

    /**
     * The run recorded in {@code <checkpoint>/rmu.json}; empty when there is none (a model not made by the RMU
     * fixture, or a checkpoint path that does not resolve from here).
     */
    public static Optional<RmuRun> readIfPresent(Path checkpoint) throws IOException {
        Path file = file(checkpoint);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** Writes {@code <checkpoint>/rmu.json} atomically, replacing an older one; returns the file. */
    public static Path write(Path checkpoint, RmuRun run) throws IOException {
        ObjectNode root = ResultsJson.createObjectNode();
        root.put("key", run.key());
        root.set("inputs", ResultsJson.MAPPER.valueToTree(run.inputs()));
        root.put("base_model_dir", run.baseModelDir());
        run.forgetCorpusFiles().forEach(root.putArray("forget_corpus_files")::add);
        run.retainCorpusFiles().forEach(root.putArray("retain_corpus_files")::add);
        root.put("steps", run.losses().size());
        ArrayNode losses = root.putArray("losses");
        for (RmuRun.Step step : run.losses()) {
            losses.addArray().add(step.forget()).add(step.retain()).add(step.total());
        }
        run.collapse().ifPresent(check -> {
            ObjectNode node = root.putObject("collapse_check");
            node.put("perplexity_before", check.perplexityBefore());
            node.put("perplexity_after", check.perplexityAfter());
            node.put("max_ratio", check.maxRatio());
            node.put("collapsed", check.collapsed());
        });
        if (!run.files().isEmpty()) {
            ObjectNode files = root.putObject("files");
            run.files().forEach((name, record) -> files.putObject(name).put("size", record.size())
                    .put("sha256", record.sha256()));
        }
        Path file = file(checkpoint);
        ResultsJson.writeTree(file, root);
        return file;
    }

    /** Reads and checks an rmu.json. */
    public static RmuRun read(Path file) throws IOException {
        JsonNode root = ResultsJson.readObject(file);
        ResultsJson.TreeReader reader = new ResultsJson.TreeReader(file);
        String key = reader.text(root, "", "key");
        JsonNode inputs = reader.required(root, "", "inputs");
        if (!inputs.isObject() || !inputs.path(HYPERPARAMETERS).isObject()) {
            throw reader.error("inputs." + HYPERPARAMETERS, "expected an object");
        }
        return new RmuRun(key, ResultsJson.MAPPER.convertValue(inputs, MAP), reader.text(root, "", "base_model_dir"),
                texts(reader, root, "forget_corpus_files"), texts(reader, root, "retain_corpus_files"),
                losses(reader, root), collapse(reader, root), files(reader, root));
    }

    private static List<String> texts(ResultsJson.TreeReader reader, JsonNode root, String name)
            throws ResultsFormatException {
        JsonNode array = reader.required(root, "", name);
        if (!array.isArray()) {
            throw reader.error(name, "expected an array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isTextual()) {
                throw reader.error(name + "[" + i + "]", "expected a string");
            }
            texts.add(array.get(i).textValue());
        }
        return texts;
    }

    private static List<RmuRun.Step> losses(ResultsJson.TreeReader reader, JsonNode root)
            throws ResultsFormatException {
        JsonNode losses = root.get("losses");
        if (losses == null || !losses.isArray()) {
            throw reader.error("losses", "expected an array of [forget, retain, total]");
        }
        List<RmuRun.Step> steps = new ArrayList<>(losses.size());
        for (int i = 0; i < losses.size(); i++) {
            JsonNode step = losses.get(i);
            if (!step.isArray() || step.size() != 3 || !step.get(0).isNumber() || !step.get(1).isNumber()
                    || !step.get(2).isNumber()) {
                throw reader.error("losses[" + i + "]", "expected [forget, retain, total], got " + step);
            }
            steps.add(new RmuRun.Step(step.get(0).doubleValue(), step.get(1).doubleValue(),
                    step.get(2).doubleValue()));
        }
        return steps;
    }

    private static Optional<RmuRun.CollapseCheck> collapse(ResultsJson.TreeReader reader, JsonNode root)
            throws ResultsFormatException {
        JsonNode check = root.get("collapse_check");
        if (check == null) {
            return Optional.empty();
        }
        for (String name : List.of("perplexity_before", "perplexity_after", "max_ratio")) {
            if (!check.path(name).isNumber()) {
                throw reader.error("collapse_check." + name, "expected a number");
            }
        }
        if (!check.path("collapsed").isBoolean()) {
            throw reader.error("collapse_check.collapsed", "expected true or false");
        }
        return Optional.of(new RmuRun.CollapseCheck(check.get("perplexity_before").doubleValue(),
                check.get("perplexity_after").doubleValue(), check.get("max_ratio").doubleValue(),
                check.get("collapsed").booleanValue()));
    }

    private static Map<String, RmuRun.FileRecord> files(ResultsJson.TreeReader reader, JsonNode root)
            throws ResultsFormatException {
        Map<String, RmuRun.FileRecord> files = new LinkedHashMap<>();
        JsonNode node = root.get("files");
        if (node == null) {
            return files;
        }
        if (!node.isObject()) {
            throw reader.error("files", "expected an object of {size, sha256} by file name");
        }
        for (Map.Entry<String, JsonNode> file : node.properties()) {
            JsonNode size = file.getValue().path("size");
            if (!size.isIntegralNumber()) {
                throw reader.error("files." + file.getKey() + ".size", "expected a whole number");
            }
            files.put(file.getKey(), new RmuRun.FileRecord(size.longValue(),
                    reader.text(file.getValue(), "files." + file.getKey() + ".", "sha256")));
        }
        return files;
    }
}

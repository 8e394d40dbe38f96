package dev.wmdpjunit.reports.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code rmu.json} that the RMU fixture's cache writes into each unlearned checkpoint directory:
 * {@code key}, {@code inputs.hyperparameters}, {@code losses} ({@code [forget, retain, total]} per step) and
 * {@code collapse_check}. Read without depending on the fixture, which brings the DJL runtime.
 */
public final class RmuJson {

    public static final String FILE_NAME = "rmu.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RmuJson() {
    }

    /**
     * The run recorded in {@code <checkpoint>/rmu.json}; empty when there is none (a model not made by the fixture,
     * or a checkpoint path that does not resolve from here).
     *
     * @throws ReportInputException naming the file and the field when the file is malformed
     */
    public static Optional<RmuRun> readIfPresent(Path checkpoint) {
        Path file = checkpoint.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    static RmuRun read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ReportInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ReportInputException(file, "", "expected a JSON object");
        }
        JsonNode key = root.get("key");
        if (key == null || !key.isTextual()) {
            throw new ReportInputException(file, "key", "expected the cache key as a string");
        }
        return new RmuRun(file, key.textValue(), hyperparameters(file, root), losses(file, root), collapse(file, root));
    }

    /** Each setting as text: numbers as written, lists and objects as compact JSON. */
    private static Map<String, String> hyperparameters(Path file, JsonNode root) {
        JsonNode node = root.path("inputs").get("hyperparameters");
        if (node == null || !node.isObject()) {
            throw new ReportInputException(file, "inputs.hyperparameters", "expected an object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            values.put(field.getKey(), field.getValue().isTextual() ? field.getValue().textValue()
                    : field.getValue().toString());
        }
        return values;
    }

    private static List<RmuRun.Step> losses(Path file, JsonNode root) {
        JsonNode losses = root.get("losses");
        if (losses == null || !losses.isArray()) {
            throw new ReportInputException(file, "losses", "expected an array of [forget, retain, total]");
        }
        List<RmuRun.Step> steps = new ArrayList<>(losses.size());
        for (int i = 0; i < losses.size(); i++) {
            JsonNode step = losses.get(i);
            if (!step.isArray() || step.size() != 3 || !step.get(0).isNumber() || !step.get(1).isNumber()
                    || !step.get(2).isNumber()) {
                throw new ReportInputException(file, "losses[" + i + "]", "expected [forget, retain, total], got "
                        + step);
            }
            steps.add(new RmuRun.Step(step.get(0).doubleValue(), step.get(1).doubleValue(),
                    step.get(2).doubleValue()));
        }
        return steps;
    }

    private static Optional<RmuRun.CollapseCheck> collapse(Path file, JsonNode root) {
        JsonNode check = root.get("collapse_check");
        if (check == null) {
            return Optional.empty();
        }
        for (String name : List.of("perplexity_before", "perplexity_after", "max_ratio")) {
            if (!check.path(name).isNumber()) {
                throw new ReportInputException(file, "collapse_check." + name, "expected a number");
            }
        }
        if (!check.path("collapsed").isBoolean()) {
            throw new ReportInputException(file, "collapse_check.collapsed", "expected true or false");
        }
        return Optional.of(new RmuRun.CollapseCheck(check.get("perplexity_before").doubleValue(),
                check.get("perplexity_after").doubleValue(), check.get("max_ratio").doubleValue(),
                check.get("collapsed").booleanValue()));
    }
}

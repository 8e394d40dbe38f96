package dev.wmdpjunit.rmu;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.io.AtomicFiles;
import dev.wmdpjunit.djl.safetensors.SafetensorsDtype;
import dev.wmdpjunit.djl.safetensors.SafetensorsFile;
import dev.wmdpjunit.djl.safetensors.SafetensorsWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of an interrupted run, so that it can resume exactly: the trained parameters, AdamW's moments and step
 * count (float32, bit for bit) and the losses logged so far.
 *
 * <p>Layout in the checkpoint folder: {@code step-<n>.safetensors} (tensors {@code param.<name>},
 * {@code exp_avg.<name>}, {@code exp_avg_sq.<name>}) and {@code checkpoint.json}, which names it. The tensor file is
 * written first and {@code checkpoint.json} is replaced atomically afterwards, so a crash at any moment leaves
 * either the previous checkpoint or the new one.
 */
final class TrainingCheckpoint {

    static final String STATE_FILE = "checkpoint.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A checkpoint read back. */
    record Saved(int step, List<StepLosses> losses, Map<String, float[]> parameters, Map<String, float[]> firstMoments,
                 Map<String, float[]> secondMoments) {
    }

    private TrainingCheckpoint() {
    }

    /** Saves the state after {@code losses.size()} steps and deletes the checkpoint it replaces. */
    static void save(Path dir, RmuTrainer trainer, List<StepLosses> losses) throws IOException {
        Files.createDirectories(dir);
        int step = losses.size();
        String tensorFile = "step-" + step + ".safetensors";
        SafetensorsWriter writer = new SafetensorsWriter(SafetensorsDtype.F32);
        trainer.trainable().forEach((name, p) -> writer.add("param." + name, p));
        trainer.optimizer().firstMoments().forEach((name, m) -> writer.add("exp_avg." + name, m));
        trainer.optimizer().secondMoments().forEach((name, v) -> writer.add("exp_avg_sq." + name, v));
        writer.write(dir.resolve(tensorFile));

        Optional<String> previous = readState(dir).map(state -> state.path("tensors").asText());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("step", step);
        state.put("optimizer_step", trainer.optimizer().step());
        state.put("tensors", tensorFile);
        state.put("losses", losses.stream().map(l -> List.of(l.forget(), l.retain(), l.total())).toList());
        AtomicFiles.write(dir.resolve(STATE_FILE), out -> out.write(JSON.writeValueAsBytes(state)));
        if (previous.isPresent() && !previous.get().equals(tensorFile)) {
            Files.deleteIfExists(dir.resolve(previous.get()));
        }
    }

    /**
     * Reads the checkpoint of a folder, if there is a complete one.
     *
     * @throws UncheckedIOException or IllegalArgumentException if {@code checkpoint.json} exists but the state it
     *                              names cannot be read
     */
    static Optional<Saved> load(Path dir, List<String> trainableNames) {
        Optional<JsonNode> state = readState(dir);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        JsonNode json = state.get();
        int step = json.path("step").asInt(-1);
        if (step < 1 || json.path("optimizer_step").asInt() != step || json.path("losses").size() != step) {
            throw new IllegalArgumentException(dir.resolve(STATE_FILE) + ": inconsistent checkpoint state " + json);
        }
        List<StepLosses> losses = new ArrayList<>();
        json.path("losses").forEach(l -> losses.add(new StepLosses(l.get(0).asDouble(), l.get(1).asDouble(),
                l.get(2).asDouble())));
        Map<String, float[]> parameters = new LinkedHashMap<>();
        Map<String, float[]> first = new LinkedHashMap<>();
        Map<String, float[]> second = new LinkedHashMap<>();
        try (SafetensorsFile tensors = SafetensorsFile.open(dir.resolve(json.path("tensors").asText()));
             NDManager manager = NDManager.newBaseManager()) {
            for (String name : trainableNames) {
                parameters.put(name, floats(tensors, "param." + name, manager));
                first.put(name, floats(tensors, "exp_avg." + name, manager));
                second.put(name, floats(tensors, "exp_avg_sq." + name, manager));
            }
        }
        return Optional.of(new Saved(step, List.copyOf(losses), parameters, first, second));
    }

    private static float[] floats(SafetensorsFile tensors, String name, NDManager manager) {
        if (!tensors.names().contains(name)) {
            throw new IllegalArgumentException(tensors.file() + ": checkpoint has no tensor '" + name + "'");
        }
        NDArray array = tensors.load(name, manager, DataType.FLOAT32);
        return array.toFloatArray();
    }

    private static Optional<JsonNode> readState(Path dir) {
        Path file = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the checkpoint state", e);
        }
    }
}

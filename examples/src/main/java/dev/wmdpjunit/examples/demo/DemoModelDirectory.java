package dev.wmdpjunit.examples.demo;

import ai.djl.ndarray.NDArray;
import dev.wmdpjunit.core.io.AtomicFiles;
import dev.wmdpjunit.djl.checkpoint.CheckpointDirectory;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.safetensors.SafetensorsDtype;
import dev.wmdpjunit.djl.safetensors.SafetensorsWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Saves a trained demo model as a Hugging Face model directory: config.json, generation_config.json,
 * model.safetensors (float32, tied head not stored, as save_pretrained writes it) and the tokenizer files.
 *
 * <p>The directory is written next to the target under a temporary name and then moved into place; an existing
 * directory is moved aside first and deleted after, so readers never see a half-written model.
 */
public final class DemoModelDirectory {

    private DemoModelDirectory() {
    }

    public static void write(CausalLm model, WordTokenizer tokenizer, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Path staging = AtomicFiles.stagingDirectory(target);
        Path old = null;
        try {
            DemoModelConfig.write(tokenizer, staging);
            tokenizer.write(staging);
            SafetensorsWriter weights = new SafetensorsWriter(SafetensorsDtype.F32);
            for (Map.Entry<String, NDArray> parameter : model.parameters().asMap().entrySet()) {
                weights.add(parameter.getKey(), parameter.getValue());
            }
            weights.write(staging.resolve(CheckpointDirectory.SINGLE_FILE));
            if (Files.exists(target)) {
                old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old.");
                Files.delete(old);
                Files.move(target, old);
            }
            AtomicFiles.moveIntoPlace(staging, target);
        } finally {
            deleteTree(staging);
            if (old != null) {
                deleteTree(old);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

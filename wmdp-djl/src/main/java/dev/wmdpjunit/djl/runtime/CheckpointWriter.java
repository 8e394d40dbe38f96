package dev.wmdpjunit.djl.runtime;

import dev.wmdpjunit.core.io.AtomicFiles;
import dev.wmdpjunit.djl.checkpoint.CheckpointDirectory;
import dev.wmdpjunit.djl.checkpoint.CheckpointException;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.ModelConfig;
import dev.wmdpjunit.djl.safetensors.SafetensorsDtype;
import dev.wmdpjunit.djl.safetensors.SafetensorsWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Saves a model's current weights as a Hugging Face model directory that transformers and {@link CausalLm#load}
 * read back: {@code model.safetensors} with the parameters under the names they were loaded with (a tied head is
 * not written, as {@code save_pretrained} does not), plus {@code config.json}, {@code generation_config.json} and
 * the tokenizer files copied unchanged from the directory the model came from.
 *
 * <p>Everything is written into a fresh hidden directory next to the target, which is then moved into place in one
 * step, so the target either does not exist or is complete. The source directory is only read. The target must
 * not exist yet and must not lie inside the source directory.
 */
public final class CheckpointWriter {

    /** Files copied from the source directory when present; config.json must be. */
    static final List<String> COPIED_FILES = List.of("config.json", "generation_config.json", "tokenizer.json",
            "tokenizer_config.json", "special_tokens_map.json", "tokenizer.model", "vocab.json", "merges.txt",
            "added_tokens.json");

    private final SafetensorsDtype floatDtype;

    /** @param floatDtype the type the weights are written in: F32 (exact), F16 or BF16 */
    public CheckpointWriter(SafetensorsDtype floatDtype) {
        this.floatDtype = floatDtype;
    }

    /** A writer that stores the float32 weights exactly. */
    public static CheckpointWriter float32() {
        return new CheckpointWriter(SafetensorsDtype.F32);
    }

    /**
     * Writes {@code model} to {@code target}.
     *
     * @param source the directory the model was loaded from, whose config and tokenizer files are copied
     * @throws CheckpointException if the target exists or lies inside the source, or the source's config.json
     *                             describes a different model
     */
    public void save(CausalLm model, Path source, Path target) throws IOException {
        Path sourceDir = source.toRealPath();
        checkSameModel(model.config(), ModelConfig.read(sourceDir.resolve("config.json")));
        SafetensorsWriter weights = new SafetensorsWriter(floatDtype);
        model.parameters().asMap().forEach(weights::add);
        writeDirectory(sourceDir, target, weights);
    }

    /**
     * Writes a model directory at {@code target}: the weights as {@code model.safetensors}, and the config and
     * tokenizer files copied from {@code source}; staged in a hidden sibling and moved into place in one step.
     *
     * @throws CheckpointException if the target exists or lies inside the source
     */
    static void writeDirectory(Path source, Path target, SafetensorsWriter weights) throws IOException {
        Path sourceDir = source.toRealPath();
        Path targetDir = target.toAbsolutePath().normalize();
        if (Files.exists(targetDir)) {
            throw new CheckpointException(targetDir + " already exists; save a checkpoint into a new directory");
        }
        if (targetDir.startsWith(sourceDir)) {
            throw new CheckpointException(targetDir + " lies inside the source directory " + sourceDir
                    + ", which is never written to");
        }
        Path staging = AtomicFiles.stagingDirectory(targetDir);
        try {
            weights.write(staging.resolve(CheckpointDirectory.SINGLE_FILE));
            for (String name : COPIED_FILES) {
                Path file = sourceDir.resolve(name);
                if (Files.isRegularFile(file)) {
                    Files.copy(file, staging.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            AtomicFiles.moveIntoPlace(staging, targetDir);
        } finally {
            deleteRecursively(staging);
        }
    }

    /** The copied config.json must describe the saved weights. */
    private static void checkSameModel(ModelConfig model, ModelConfig source) {
        boolean same = model.architecture() == source.architecture() && model.vocabSize() == source.vocabSize()
                && model.hiddenSize() == source.hiddenSize() && model.numLayers() == source.numLayers()
                && model.numHeads() == source.numHeads() && model.numKvHeads() == source.numKvHeads()
                && model.intermediateSize() == source.intermediateSize()
                && model.tieWordEmbeddings() == source.tieWordEmbeddings();
        if (!same) {
            throw new CheckpointException(source.source() + " describes a different model than the one being saved"
                    + " (loaded from " + model.source() + "); pass the directory the model was loaded from");
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

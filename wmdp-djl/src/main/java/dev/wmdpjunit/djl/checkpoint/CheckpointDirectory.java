package dev.wmdpjunit.djl.checkpoint;

import dev.wmdpjunit.djl.safetensors.SafetensorsFile;
import dev.wmdpjunit.djl.safetensors.ShardedSafetensors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Opens the weights of a Hugging Face model directory as a {@link TensorSource}.
 *
 * <p>Looked for in transformers' order: {@code model.safetensors}, then {@code model.safetensors.index.json} with
 * the shards it names. PyTorch pickles ({@code pytorch_model.bin}, {@code *.bin}, {@code *.pt}, {@code *.pth},
 * {@code *.ckpt}, {@code *.pkl}) are never opened, let alone deserialized, because unpickling runs arbitrary code:
 * a directory that holds only those is refused with instructions to convert it.
 */
public final class CheckpointDirectory {

    public static final String SINGLE_FILE = "model.safetensors";
    public static final String SHARD_INDEX = "model.safetensors.index.json";

    private static final List<String> PICKLE_SUFFIXES = List.of(".bin", ".pt", ".pth", ".ckpt", ".pkl");
    private static final String PICKLE_INDEX = "pytorch_model.bin.index.json";
    private static final int LISTED_FILES = 20;

    private CheckpointDirectory() {
    }

    public static TensorSource open(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new CheckpointException(directory + ": not a directory; expected a model directory holding "
                    + SINGLE_FILE + " or " + SHARD_INDEX);
        }
        Path single = directory.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return SafetensorsFile.open(single);
        }
        Path index = directory.resolve(SHARD_INDEX);
        if (Files.isRegularFile(index)) {
            return ShardedSafetensors.open(index);
        }
        List<String> files = fileNames(directory);
        List<String> pickles = files.stream().filter(CheckpointDirectory::isPickle).toList();
        if (!pickles.isEmpty()) {
            throw new CheckpointException(directory + " holds PyTorch pickle weights " + pickles
                    + " and no safetensors. wmdp-junit never deserializes pickles: loading one can run arbitrary code."
                    + " Convert the checkpoint to safetensors first, for example in Python with transformers:"
                    + " AutoModelForCausalLM.from_pretrained(dir).save_pretrained(out_dir, safe_serialization=True),"
                    + " or with the safetensors package: safetensors.torch.save_file(torch.load(path,"
                    + " weights_only=True), \"model.safetensors\", metadata={\"format\": \"pt\"})"
                    + " (save_file refuses tied weights that share memory; save_pretrained handles them).");
        }
        throw new CheckpointException(directory + " holds no model weights: expected " + SINGLE_FILE + ", or "
                + SHARD_INDEX + " with the shards it names; found "
                + (files.isEmpty() ? "an empty directory" : describe(files)));
    }

    private static boolean isPickle(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.equals(PICKLE_INDEX) || PICKLE_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    private static List<String> fileNames(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new CheckpointException(directory + ": cannot list the directory: " + e, e);
        }
    }

    private static String describe(List<String> files) {
        if (files.size() <= LISTED_FILES) {
            return String.valueOf(files);
        }
        return files.subList(0, LISTED_FILES) + " and " + (files.size() - LISTED_FILES) + " more";
    }
}

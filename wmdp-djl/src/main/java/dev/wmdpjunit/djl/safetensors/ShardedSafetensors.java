package dev.wmdpjunit.djl.safetensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.djl.checkpoint.CheckpointException;
import dev.wmdpjunit.djl.checkpoint.TensorSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A checkpoint split over several safetensors files, as {@code save_pretrained} writes large models: an index
 * ({@code model.safetensors.index.json}) whose {@code weight_map} maps every tensor name to the shard file that
 * holds it, next to the shards. Other keys of the index ({@code metadata.total_size}) are informational and not
 * checked.
 *
 * <p>The index and the shards must agree exactly: every shard the index names must exist and hold the tensors
 * mapped to it, and no shard may hold a tensor the index does not map to it. Shard names must be plain file names
 * in the index's directory.
 */
public final class ShardedSafetensors implements TensorSource {

    private static final ObjectMapper JSON = new ObjectMapper(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private final Path indexFile;
    private final List<SafetensorsFile> shards;
    private final Map<String, SafetensorsFile> shardByTensor;

    private ShardedSafetensors(Path indexFile, List<SafetensorsFile> shards, Map<String, SafetensorsFile> shardByTensor) {
        this.indexFile = indexFile;
        this.shards = List.copyOf(shards);
        this.shardByTensor = Collections.unmodifiableMap(shardByTensor);
    }

    /** Opens the index and every shard it names, validating all of them. */
    public static ShardedSafetensors open(Path indexFile) {
        Map<String, String> weightMap = readWeightMap(indexFile);
        Map<String, Path> shardFiles = shardFiles(indexFile, weightMap);
        StagingBuffer staging = new StagingBuffer();
        Map<String, SafetensorsFile> shardByFileName = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Path> shard : shardFiles.entrySet()) {
                shardByFileName.put(shard.getKey(),
                        SafetensorsFile.open(shard.getValue(), staging, SafetensorsFile.DEFAULT_READ_CHUNK_BYTES));
            }
            Map<String, SafetensorsFile> shardByTensor = matchShards(indexFile, weightMap, shardByFileName);
            return new ShardedSafetensors(indexFile, new ArrayList<>(shardByFileName.values()), shardByTensor);
        } catch (RuntimeException e) {
            shardByFileName.values().forEach(SafetensorsFile::close);
            throw e;
        }
    }

    /**
     * The shard files an index names, in the order it first names them, checked as {@link #open} checks them before
     * reading any: plain file names in the index's directory that are regular files (so a {@code weight_map} naming
     * {@code /etc/passwd}, {@code ../x} or a link to {@code /dev/zero} is refused). Reads only the index; for
     * callers that read the shards' bytes without opening them, e.g. to hash a checkpoint.
     */
    public static List<Path> listedShards(Path indexFile) {
        return List.copyOf(shardFiles(indexFile, readWeightMap(indexFile)).values());
    }

    /** Shard file by name, in the order the weight map first names them; each a regular file. */
    private static Map<String, Path> shardFiles(Path indexFile, Map<String, String> weightMap) {
        Path directory = indexFile.toAbsolutePath().getParent();
        Map<String, Path> shardFiles = new LinkedHashMap<>();
        for (Map.Entry<String, String> mapping : weightMap.entrySet()) {
            String shardName = mapping.getValue();
            if (!shardFiles.containsKey(shardName)) {
                Path shardFile = directory.resolve(shardName);
                if (!Files.isRegularFile(shardFile)) {
                    throw new CheckpointException(indexFile + ": weight_map maps tensor '" + mapping.getKey()
                            + "' to shard '" + shardName + "', but " + shardFile
                            + (Files.exists(shardFile) ? " is not a regular file" : " does not exist"));
                }
                shardFiles.put(shardName, shardFile);
            }
        }
        return shardFiles;
    }

    public Path indexFile() {
        return indexFile;
    }

    /** The shard files, in the order the index first names them. */
    public List<Path> shardFiles() {
        return shards.stream().map(SafetensorsFile::file).toList();
    }

    @Override
    public Set<String> names() {
        return shardByTensor.keySet();
    }

    @Override
    public Shape shape(String name) {
        return shard(name).shape(name);
    }

    @Override
    public DataType dataType(String name) {
        return shard(name).dataType(name);
    }

    @Override
    public NDArray load(String name, NDManager manager, DataType dtype) {
        return shard(name).load(name, manager, dtype);
    }

    @Override
    public Optional<NDArray> loadFinite(String name, NDManager manager, DataType dtype) {
        return shard(name).loadFinite(name, manager, dtype);
    }

    @Override
    public String describe(String name) {
        return shard(name).describe(name);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (SafetensorsFile shard : shards) {
            try {
                shard.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private SafetensorsFile shard(String name) {
        SafetensorsFile shard = shardByTensor.get(name);
        if (shard == null) {
            throw new CheckpointException(indexFile + ": tensor '" + name + "': no such tensor in this checkpoint");
        }
        return shard;
    }

    private static Map<String, String> readWeightMap(Path indexFile) {
        JsonNode root;
        try {
            root = JSON.readTree(indexFile.toFile());
        } catch (IOException e) {
            throw new CheckpointException(indexFile + ": cannot read the shard index: " + e.getMessage(), e);
        }
        JsonNode weightMap = root == null ? null : root.get("weight_map");
        if (weightMap == null || !weightMap.isObject()) {
            throw new CheckpointException(indexFile + ": the shard index has no \"weight_map\" object");
        }
        if (weightMap.isEmpty()) {
            throw new CheckpointException(indexFile + ": the shard index's \"weight_map\" names no tensor");
        }
        Map<String, String> result = new TreeMap<>();
        for (Map.Entry<String, JsonNode> mapping : weightMap.properties()) {
            String tensor = mapping.getKey();
            JsonNode shard = mapping.getValue();
            if (!shard.isTextual() || !isPlainFileName(shard.textValue())) {
                throw new CheckpointException(indexFile + ": weight_map maps tensor '" + tensor + "' to " + shard
                        + ", which is not a file name in the index's directory");
            }
            result.put(tensor, shard.textValue());
        }
        return result;
    }

    private static boolean isPlainFileName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
            return false;
        }
        Path path = Path.of(name);
        return !path.isAbsolute() && path.getNameCount() == 1;
    }

    private static Map<String, SafetensorsFile> matchShards(Path indexFile, Map<String, String> weightMap,
                                                            Map<String, SafetensorsFile> shardByFileName) {
        Map<String, SafetensorsFile> shardByTensor = new TreeMap<>();
        for (Map.Entry<String, String> mapping : weightMap.entrySet()) {
            SafetensorsFile shard = shardByFileName.get(mapping.getValue());
            if (!shard.names().contains(mapping.getKey())) {
                throw new CheckpointException(indexFile + ": weight_map maps tensor '" + mapping.getKey()
                        + "' to " + shard.file() + ", which does not hold it");
            }
            shardByTensor.put(mapping.getKey(), shard);
        }
        for (Map.Entry<String, SafetensorsFile> shard : shardByFileName.entrySet()) {
            for (String tensor : shard.getValue().names()) {
                String mappedTo = weightMap.get(tensor);
                if (!shard.getKey().equals(mappedTo)) {
                    throw new CheckpointException(shard.getValue().file() + ": tensor '" + tensor + "' is in this shard, but "
                            + indexFile + (mappedTo == null ? " does not list it" : " maps it to '" + mappedTo + "'"));
                }
            }
        }
        return shardByTensor;
    }
}

package dev.wmdpjunit.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the shards of one split in a Hugging Face dataset folder: {@code <split>-00000-of-00002.parquet}, ... */
final class ParquetShards {

    private ParquetShards() {
    }

    /** The files {@code <split>-*.parquet} in {@code dir}, sorted by name (the shards' order); none if no folder. */
    static List<Path> in(Path dir, String split) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        return name.startsWith(split + "-") && name.endsWith(".parquet");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot list: " + e, e);
        }
    }
}

package dev.wmdpjunit.rmu;

import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.results.RmuRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The size and SHA-256 of each file of a cache entry, recorded in its {@code rmu.json} ({@link RmuRun#files()}) when
 * the entry is published and checked when it is reused: sizes first (a truncated file costs no hashing), then hashes.
 */
final class EntryFiles {

    private EntryFiles() {
    }

    /** Every regular file of the staged entry but rmu.json, by name. */
    static Map<String, RmuRun.FileRecord> of(Path staged) throws IOException {
        Map<String, RmuRun.FileRecord> files = new LinkedHashMap<>();
        for (Path file : files(staged)) {
            files.put(file.getFileName().toString(), new RmuRun.FileRecord(Files.size(file), Sha256.ofFile(file)));
        }
        return files;
    }

    /** Throws a {@link CacheEntryException} unless every recorded file is there with its size and hash. */
    static void verify(Path entry, Map<String, RmuRun.FileRecord> recorded) {
        if (recorded.isEmpty()) {
            throw new CacheEntryException(entry, UnlearnedModelCache.REPORT_FILE + " records no file hashes");
        }
        Map<Path, RmuRun.FileRecord> files = new LinkedHashMap<>();
        recorded.forEach((name, record) -> files.put(fileOf(entry, name), record));
        for (Map.Entry<Path, RmuRun.FileRecord> file : files.entrySet()) {
            long size = sizeOf(entry, file.getKey());
            long recordedSize = file.getValue().size();
            if (size != recordedSize) {
                throw new CacheEntryException(entry, file.getKey().getFileName() + " has " + size + " bytes, "
                        + UnlearnedModelCache.REPORT_FILE + " recorded " + recordedSize);
            }
        }
        for (Map.Entry<Path, RmuRun.FileRecord> file : files.entrySet()) {
            String sha256 = Sha256.ofFile(file.getKey());
            String recordedSha256 = file.getValue().sha256();
            if (!sha256.equals(recordedSha256)) {
                throw new CacheEntryException(entry, file.getKey().getFileName() + " has SHA-256 " + sha256 + ", "
                        + UnlearnedModelCache.REPORT_FILE + " recorded " + recordedSha256);
            }
        }
    }

    private static Path fileOf(Path entry, String name) {
        Path file = entry.resolve(name).normalize();
        if (!entry.normalize().equals(file.getParent())) {
            throw new CacheEntryException(entry, UnlearnedModelCache.REPORT_FILE + " names '" + name
                    + "', which is not a file name in the entry");
        }
        return file;
    }

    private static long sizeOf(Path entry, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CacheEntryException(entry, file.getFileName() + " is missing");
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CacheEntryException(entry, file.getFileName() + " cannot be read (" + e + ")", e);
        }
    }

    private static List<Path> files(Path staged) throws IOException {
        try (Stream<Path> entries = Files.list(staged)) {
            return entries.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equals(UnlearnedModelCache.REPORT_FILE))
                    .sorted()
                    .toList();
        }
    }
}

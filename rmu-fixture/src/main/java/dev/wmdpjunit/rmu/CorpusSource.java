package dev.wmdpjunit.rmu;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A corpus file and its format.
 *
 * @param file   the file
 * @param format how it holds its documents
 */
public record CorpusSource(Path file, CorpusFormat format) {

    public CorpusSource {
        if (file == null || format == null) {
            throw new IllegalArgumentException("a corpus needs a file and a format");
        }
    }

    /**
     * The format from the file name: {@code .jsonl} JSONL, {@code .parquet} Parquet, {@code .raw} wikitext raw,
     * anything else one document per line.
     */
    public static CorpusSource of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        CorpusFormat format = name.endsWith(".jsonl") ? CorpusFormat.JSONL
                : name.endsWith(".parquet") ? CorpusFormat.PARQUET
                : name.endsWith(".raw") ? CorpusFormat.WIKITEXT_RAW
                : CorpusFormat.TEXT_LINES;
        return new CorpusSource(file, format);
    }
}

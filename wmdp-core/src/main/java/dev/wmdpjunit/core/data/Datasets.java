package dev.wmdpjunit.core.data;

import dev.wmdpjunit.core.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the benchmark files users have, detecting their layout. Every problem (missing data, unreadable or
 * corrupt file, bad record) is a {@link DatasetException} naming the file and, for a bad record, its row and field.
 *
 * <p><b>WMDP</b> ({@link #wmdp}): under a root folder, the data of one domain is found in exactly one of
 * <ol>
 *   <li>{@code <root>/<domain>/test-*.parquet}: the Hugging Face {@code cais/wmdp} download (shards read in name
 *       order and concatenated);</li>
 *   <li>{@code <root>/<domain>/test.jsonl} or {@code <root>/<domain>.jsonl}: JSON Lines, one object per line;</li>
 *   <li>{@code <root>/<domain>/test.json} or {@code <root>/<domain>.json}: one JSON array of objects.</li>
 * </ol>
 * Finding none, or more than one, is an error. The other domains need not exist.
 *
 * <p><b>MMLU</b> ({@link #mmlu}): the Hendrycks CSV layout ({@code test/<subject>_test.csv}, ...) or the Hugging
 * Face {@code cais/mmlu} Parquet layout (subject folders or {@code all/}); a root holding both is an error.
 */
public final class Datasets {

    private static final String WMDP_SPLIT = "test";

    private Datasets() {
    }

    /**
     * One WMDP domain from a root folder, found by the rule above.
     *
     * @return the set named after the domain, ids {@code <domain>/<row>} (rows 0-based, in file order), with the
     *         SHA-256 of the file(s) read
     */
    public static QuestionSet wmdp(Path root, WmdpDomain domain) {
        requireFolder(root);
        Path folder = root.resolve(domain.id());
        List<Path> shards = ParquetShards.in(folder, WMDP_SPLIT);
        List<Path> jsonFiles = new ArrayList<>();
        for (Path candidate : List.of(folder.resolve(WMDP_SPLIT + ".jsonl"), folder.resolve(WMDP_SPLIT + ".json"),
                root.resolve(domain.id() + ".jsonl"), root.resolve(domain.id() + ".json"))) {
            if (Files.isRegularFile(candidate)) {
                jsonFiles.add(candidate);
            }
        }
        int forms = (shards.isEmpty() ? 0 : 1) + jsonFiles.size();
        if (forms == 0) {
            throw new DatasetException(root + ": no " + domain.id() + " data: looked for " + folder
                    + "/test-*.parquet, " + folder + "/test.jsonl, " + folder + "/test.json, "
                    + root.resolve(domain.id()) + ".jsonl and " + root.resolve(domain.id()) + ".json");
        }
        if (forms > 1) {
            List<Path> found = new ArrayList<>(shards);
            found.addAll(jsonFiles);
            throw new DatasetException(root + ": " + domain.id() + " data found in more than one form, keep one: "
                    + found);
        }
        if (shards.isEmpty()) {
            return wmdpFile(jsonFiles.get(0), domain);
        }
        List<QuestionRecord> records = new ArrayList<>();
        for (Path shard : shards) {
            records.addAll(ParquetQuestionFile.read(shard));
        }
        return domain.toSet(records, folder.toString(), Sha256.ofFiles(shards));
    }

    /**
     * One WMDP domain from a single file, its format told by its extension: {@code .parquet} (Hugging Face
     * schema), {@code .jsonl} (JSON Lines) or {@code .json} (an array of objects).
     */
    public static QuestionSet wmdpFile(Path file, WmdpDomain domain) {
        return domain.toSet(readQuestionFile(file), file.toString(), Sha256.ofFile(file));
    }

    /**
     * A custom question set from one file in the WMDP schema (formats as in {@link #wmdpFile}): named
     * {@code name}, ids {@code <name>/<row>} (rows 0-based, in file order), subject {@code name}.
     */
    public static QuestionSet questionFile(Path file, String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("question set name is blank for " + file);
        }
        return namedSet(name, readQuestionFile(file), file.toString(), Sha256.ofFile(file));
    }

    /** The set named {@code name}: ids {@code <name>/<row>} with rows 0-based in file order, subject {@code name}. */
    static QuestionSet namedSet(String name, List<QuestionRecord> records, String source, String sha256) {
        if (records.isEmpty()) {
            throw new DatasetException(source + ": holds no questions");
        }
        List<Question> questions = new ArrayList<>(records.size());
        for (QuestionRecord record : records) {
            questions.add(record.toQuestion(BenchmarkNames.namedSetQuestionIdPrefix(name) + questions.size(), name));
        }
        return new QuestionSet(name, questions, source, sha256);
    }

    private static List<QuestionRecord> readQuestionFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + ": no such file");
        }
        String name = file.getFileName().toString();
        if (name.endsWith(".parquet")) {
            return ParquetQuestionFile.read(file);
        } else if (name.endsWith(".jsonl")) {
            return JsonQuestionFile.readLines(file);
        } else if (name.endsWith(".json")) {
            return JsonQuestionFile.readArray(file);
        }
        throw new DatasetException(file + ": unknown format, expected .parquet, .jsonl or .json");
    }

    /** MMLU under {@code root}, in whichever of its two layouts the folder holds. */
    public static Mmlu mmlu(Path root) {
        requireFolder(root);
        boolean csv = MmluCsvLayout.isLayout(root);
        boolean parquet = MmluParquetLayout.isLayout(root);
        if (csv && parquet) {
            throw new DatasetException(root + ": holds MMLU both as CSV (test/*_test.csv) and as Parquet"
                    + " (<subject>/test-*.parquet or all/test-*.parquet), keep one");
        }
        if (csv) {
            return new MmluCsvLayout(root);
        }
        if (parquet) {
            return new MmluParquetLayout(root);
        }
        throw new DatasetException(root + ": no MMLU data: expected test/<subject>_test.csv (Hendrycks CSV),"
                + " <subject>/test-*.parquet or all/test-*.parquet (Hugging Face cais/mmlu)");
    }

    private static void requireFolder(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + ": no such folder");
        }
    }
}

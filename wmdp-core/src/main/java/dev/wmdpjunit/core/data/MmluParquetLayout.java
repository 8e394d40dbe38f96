package dev.wmdpjunit.core.data;

import dev.wmdpjunit.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * MMLU as the Hugging Face dataset {@code cais/mmlu} ships it: columns {@code question}, {@code subject},
 * {@code choices}, {@code answer}, in files {@code <split>-NNNNN-of-NNNNN.parquet} (split {@code dev},
 * {@code validation} or {@code test}; shards are read in name order). Either one folder per subject
 * ({@code college_biology/test-00000-of-00001.parquet}), which is used when present, or only the {@code all/}
 * folder, whose rows are split by their {@code subject} column. {@code auxiliary_train/} is not a subject.
 */
final class MmluParquetLayout implements Mmlu {

    private static final String ALL = "all";
    private static final Set<String> NOT_SUBJECTS = Set.of(ALL, "auxiliary_train");

    private final Path root;

    MmluParquetLayout(Path root) {
        this.root = root;
    }

    /** Whether {@code root} holds a subject folder or an {@code all/} folder with test shards. */
    static boolean isLayout(Path root) {
        return !subjectFolders(root).isEmpty() || !ParquetShards.in(root.resolve(ALL), MmluSplit.TEST.id()).isEmpty();
    }

    @Override
    public List<String> subjects() {
        List<String> folders = subjectFolders(root).stream().map(dir -> dir.getFileName().toString()).sorted().toList();
        if (!folders.isEmpty()) {
            return folders;
        }
        Set<String> subjects = new TreeSet<>();
        for (QuestionRecord record : readAll(MmluSplit.TEST)) {
            subjects.add(subjectOf(record));
        }
        return List.copyOf(subjects);
    }

    @Override
    public QuestionSet load(String subject, MmluSplit split) {
        if (subjectFolders(root).isEmpty()) {
            List<QuestionRecord> ofSubject = new ArrayList<>();
            for (QuestionRecord record : readAll(split)) {
                if (subjectOf(record).equals(subject)) {
                    ofSubject.add(record);
                }
            }
            Path all = root.resolve(ALL);
            return split.toSet(subject, ofSubject, all.toString(), Sha256.ofFiles(ParquetShards.in(all, split.id())));
        }
        Path dir = root.resolve(subject);
        List<Path> files = requireShards(dir, split);
        List<QuestionRecord> records = new ArrayList<>();
        for (Path file : files) {
            for (QuestionRecord record : ParquetQuestionFile.read(file)) {
                // A subject column, where there is one, must agree with the folder.
                if (record.subjectColumn() != null && !record.subjectColumn().equals(subject)) {
                    throw record.location().fieldError(ParquetQuestionFile.SUBJECT,
                            "is '" + record.subjectColumn() + "' in the folder of subject '" + subject + "'");
                }
                records.add(record);
            }
        }
        return split.toSet(subject, records, dir.toString(), Sha256.ofFiles(files));
    }

    private List<QuestionRecord> readAll(MmluSplit split) {
        List<QuestionRecord> records = new ArrayList<>();
        for (Path file : requireShards(root.resolve(ALL), split)) {
            records.addAll(ParquetQuestionFile.read(file));
        }
        return records;
    }

    private static String subjectOf(QuestionRecord record) {
        if (record.subjectColumn() == null) {
            throw new DatasetException(record.location().file() + ": column '" + ParquetQuestionFile.SUBJECT
                    + "' is missing; the all/ folder needs it to tell subjects apart");
        }
        return record.subjectColumn();
    }

    private static List<Path> subjectFolders(Path root) {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory)
                    .filter(dir -> !NOT_SUBJECTS.contains(dir.getFileName().toString()))
                    .filter(dir -> !ParquetShards.in(dir, MmluSplit.TEST.id()).isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new DatasetException(root + ": cannot list: " + e, e);
        }
    }

    private static List<Path> requireShards(Path dir, MmluSplit split) {
        List<Path> files = ParquetShards.in(dir, split.id());
        if (files.isEmpty()) {
            throw new DatasetException(dir + ": no MMLU " + split.id() + " files (" + split.id() + "-*.parquet)");
        }
        return files;
    }
}

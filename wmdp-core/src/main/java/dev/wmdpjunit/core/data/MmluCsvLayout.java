package dev.wmdpjunit.core.data;

import dev.wmdpjunit.core.io.Sha256;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * MMLU in the original Hendrycks layout: {@code <split>/<subject>_<split>.csv} with split {@code dev}, {@code val}
 * or {@code test}; UTF-8, RFC 4180 quoting (fields may span lines), no header, six columns:
 * question, A, B, C, D, answer letter.
 */
final class MmluCsvLayout implements Mmlu {

    private static final int COLUMNS = 6;
    private static final String LETTERS = "ABCD";
    private static final String TEST_SUFFIX = "_" + MmluSplit.TEST.csvName() + ".csv";

    private final Path root;

    MmluCsvLayout(Path root) {
        this.root = root;
    }

    /** Whether {@code root} holds at least one {@code test/<subject>_test.csv}. */
    static boolean isLayout(Path root) {
        return !testFiles(root).isEmpty();
    }

    @Override
    public List<String> subjects() {
        return testFiles(root).stream()
                .map(file -> file.getFileName().toString())
                .map(name -> name.substring(0, name.length() - TEST_SUFFIX.length()))
                .sorted()
                .toList();
    }

    @Override
    public QuestionSet load(String subject, MmluSplit split) {
        Path file = root.resolve(split.csvName()).resolve(subject + "_" + split.csvName() + ".csv");
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + ": no MMLU " + split.id() + " file for subject '" + subject + "'");
        }
        return split.toSet(subject, read(file), file.toString(), Sha256.ofFile(file));
    }

    private static List<Path> testFiles(Path root) {
        Path dir = root.resolve(MmluSplit.TEST.csvName());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(TEST_SUFFIX)).toList();
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot list: " + e, e);
        }
    }

    /** The file's records; each one's location is the line it starts on (1-based) and its row (0-based). */
    private static List<QuestionRecord> read(Path file) {
        List<QuestionRecord> records = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(Utf8Files.read(file)))) {
            Iterator<CSVRecord> rows = parser.iterator();
            long line = 1;
            while (true) {
                RecordLocation at = RecordLocation.line(file, line, records.size());
                CSVRecord row = next(rows, at);
                if (row == null) {
                    return records;
                }
                records.add(toRecord(at, row));
                // The parser has consumed the record's line break, so the next record starts on the next line.
                line = parser.getCurrentLineNumber() + 1;
            }
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e, e);
        }
    }

    private static CSVRecord next(Iterator<CSVRecord> rows, RecordLocation at) {
        try {
            return rows.hasNext() ? rows.next() : null;
        } catch (UncheckedIOException e) {
            throw at.error("malformed CSV: " + e.getCause().getMessage(), e);
        }
    }

    private static QuestionRecord toRecord(RecordLocation at, CSVRecord row) {
        if (row.size() != COLUMNS) {
            throw at.error("has " + row.size() + " columns, expected " + COLUMNS + " (question, A, B, C, D, answer)");
        }
        String letter = row.get(5);
        int answer = letter.length() == 1 ? LETTERS.indexOf(letter) : -1;
        if (answer < 0) {
            throw at.fieldError("answer", "(column 6) is '" + letter + "', expected one of A, B, C, D");
        }
        return new QuestionRecord(at, null, row.get(0), List.of(row.get(1), row.get(2), row.get(3), row.get(4)), answer);
    }
}

package dev.wmdpjunit.rmu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the documents of a corpus in file order and keeps those longer than {@code min_len} characters, as the
 * official {@code get_data} does ({@code len(text) > min_len}, Python length = code points). A bad line or row is
 * an error naming the file and the line (1-based) or row (0-based); nothing is skipped or repaired.
 */
public final class CorpusReader {

    static final String TEXT = "text";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CorpusReader() {
    }

    /** The documents of {@code source} longer than {@code minLength} code points, in file order. */
    public static List<String> read(CorpusSource source, int minLength) {
        List<String> all = switch (source.format()) {
            case JSONL -> jsonl(source.file());
            case TEXT_LINES -> lines(source.file(), false).stream().map(CorpusReader::stripTerminator).toList();
            case RAW_LINES -> lines(source.file(), true);
            case WIKITEXT_RAW -> lines(source.file(), true).stream().map(l -> l.isBlank() ? "" : l).toList();
            case PARQUET -> parquet(source.file());
        };
        return all.stream().filter(text -> text.codePointCount(0, text.length()) > minLength).toList();
    }

    private static List<String> jsonl(Path file) {
        List<String> lines = lines(file, false);
        List<String> documents = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String where = file + ": line " + (i + 1) + " (1-based)";
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                throw new CorpusException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
            }
            if (node == null || !node.isObject()) {
                throw new CorpusException(where + ": expected a JSON object with a string field '" + TEXT + "'");
            }
            JsonNode text = node.get(TEXT);
            if (text == null) {
                throw new CorpusException(where + ": field '" + TEXT + "' is missing");
            }
            if (!text.isTextual()) {
                throw new CorpusException(where + ": field '" + TEXT + "' is " + text.getNodeType() + ", expected a string");
            }
            documents.add(text.asText());
        }
        return documents;
    }

    /**
     * The file's lines as Python's text-mode iteration yields them (universal newlines: \r\n and \r become \n),
     * with or without the final \n.
     */
    private static List<String> lines(Path file, boolean keepNewline) {
        String content = utf8(file).replace("\r\n", "\n").replace('\r', '\n');
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < content.length()) {
            int end = content.indexOf('\n', start);
            int next = end < 0 ? content.length() : end + 1;
            lines.add(content.substring(start, keepNewline || end < 0 ? next : end));
            start = next;
        }
        return lines;
    }

    private static String stripTerminator(String line) {
        return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }

    private static String utf8(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CorpusException(file + ": cannot read: " + e, e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int offset = firstMalformed(bytes);
            long line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new CorpusException(file + ": line " + line + " (1-based): not valid UTF-8 (byte offset " + offset + ")");
        }
    }

    /** Offset of the first byte where strict UTF-8 decoding fails. */
    private static int firstMalformed(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(bytes.length), true);
        return in.position();
    }

    private static List<String> parquet(Path file) {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFileMetaData().getSchema();
            if (!schema.containsField(TEXT)) {
                throw new CorpusException(file + ": column '" + TEXT + "' is missing; the file has columns "
                        + schema.getFields().stream().map(Type::getName).toList());
            }
            Type text = schema.getType(TEXT);
            if (!text.isPrimitive() || text.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY
                    || text.isRepetition(Type.Repetition.REPEATED)) {
                throw new CorpusException(file + ": column '" + TEXT + "' is " + text + ", expected a string");
            }
            // Only the text column is read: other columns may have any type.
            MessageType projection = new MessageType(schema.getName(), text);
            reader.setRequestedSchema(projection);
            List<String> documents = new ArrayList<>();
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                RecordReader<Group> rows = new ColumnIOFactory().getColumnIO(projection)
                        .getRecordReader(rowGroup, new GroupRecordConverter(projection));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    String where = file + ": row " + documents.size() + " (0-based)";
                    Group row = rows.read();
                    if (row.getFieldRepetitionCount(TEXT) == 0) {
                        throw new CorpusException(where + ": field '" + TEXT + "' is null");
                    }
                    try {
                        documents.add(StandardCharsets.UTF_8.newDecoder()
                                .decode(ByteBuffer.wrap(row.getBinary(TEXT, 0).getBytes())).toString());
                    } catch (CharacterCodingException e) {
                        throw new CorpusException(where + ": field '" + TEXT + "' is not valid UTF-8", e);
                    }
                }
            }
            return documents;
        } catch (CorpusException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorpusException(file + ": cannot read as Parquet: " + e, e);
        }
    }
}

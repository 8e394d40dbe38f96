package dev.wmdpjunit.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads the question columns of one Parquet file in the Hugging Face layout (as pyarrow writes it):
 * {@code question} string, {@code choices} list of strings (the 3-level LIST form), {@code answer} int64 or int32,
 * and, where present, {@code subject} string. Other columns are ignored. Snappy (pyarrow's default), gzip,
 * zstd and uncompressed files all read.
 */
final class ParquetQuestionFile {

    static final String QUESTION = "question";
    static final String CHOICES = "choices";
    static final String ANSWER = "answer";
    static final String SUBJECT = "subject";

    private ParquetQuestionFile() {
    }

    /** The file's rows in file order; fails on a missing or mistyped column, a null value or an unreadable file. */
    static List<QuestionRecord> read(Path file) {
        // PlainParquetConfiguration: no Hadoop configuration files are looked up or needed.
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFileMetaData().getSchema();
            checkSchema(file, schema);
            MessageColumnIO columnIO = new ColumnIOFactory().getColumnIO(schema);
            List<QuestionRecord> records = new ArrayList<>();
            PageReadStore rowGroup;
            while ((rowGroup = readRowGroup(reader, file, records.size())) != null) {
                RecordReader<Group> rows = columnIO.getRecordReader(rowGroup, new GroupRecordConverter(schema));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    RecordLocation at = RecordLocation.row(file, records.size());
                    records.add(toRecord(at, readRow(rows, at), schema));
                }
            }
            return records;
        } catch (DatasetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file + ": cannot read as Parquet: " + e, e);
        }
    }

    private static PageReadStore readRowGroup(ParquetFileReader reader, Path file, int firstRow) {
        try {
            return reader.readNextRowGroup();
        } catch (IOException | RuntimeException e) {
            throw RecordLocation.row(file, firstRow).error("cannot read the row group starting at this row: " + e, e);
        }
    }

    private static Group readRow(RecordReader<Group> rows, RecordLocation at) {
        try {
            return rows.read();
        } catch (RuntimeException e) {
            throw at.error("cannot decode: " + e, e);
        }
    }

    private static void checkSchema(Path file, MessageType schema) {
        requireString(file, schema, QUESTION);
        Type choices = requireColumn(file, schema, CHOICES);
        if (!isListOfStrings(choices)) {
            throw new DatasetException(file + ": column '" + CHOICES + "' is " + choices
                    + ", expected a list of strings (optional group (LIST) { repeated group { binary element } })");
        }
        Type answer = requireColumn(file, schema, ANSWER);
        if (!answer.isPrimitive() || !List.of(PrimitiveTypeName.INT64, PrimitiveTypeName.INT32)
                .contains(answer.asPrimitiveType().getPrimitiveTypeName())) {
            throw new DatasetException(file + ": column '" + ANSWER + "' is " + answer + ", expected int64");
        }
        if (schema.containsField(SUBJECT)) {
            requireString(file, schema, SUBJECT);
        }
    }

    private static Type requireColumn(Path file, MessageType schema, String name) {
        if (!schema.containsField(name)) {
            throw new DatasetException(file + ": column '" + name + "' is missing; the file has columns "
                    + schema.getFields().stream().map(Type::getName).toList());
        }
        Type type = schema.getType(name);
        if (type.isRepetition(Type.Repetition.REPEATED)) {
            throw new DatasetException(file + ": column '" + name + "' is repeated, expected one value per row");
        }
        return type;
    }

    private static void requireString(Path file, MessageType schema, String name) {
        Type type = requireColumn(file, schema, name);
        if (!isString(type)) {
            throw new DatasetException(file + ": column '" + name + "' is " + type + ", expected a string");
        }
    }

    private static boolean isString(Type type) {
        return type.isPrimitive() && type.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
    }

    /** The 3-level LIST form: {@code group (LIST) { repeated group <any> { <string> } }}. */
    private static boolean isListOfStrings(Type type) {
        if (type.isPrimitive() || type.asGroupType().getFieldCount() != 1) {
            return false;
        }
        Type repeated = type.asGroupType().getType(0);
        return repeated.isRepetition(Type.Repetition.REPEATED)
                && !repeated.isPrimitive()
                && repeated.asGroupType().getFieldCount() == 1
                && isString(repeated.asGroupType().getType(0));
    }

    private static QuestionRecord toRecord(RecordLocation at, Group row, MessageType schema) {
        String subject = schema.containsField(SUBJECT) ? string(at, row, SUBJECT) : null;
        return new QuestionRecord(at, subject, string(at, row, QUESTION), choices(at, row), answer(at, row, schema));
    }

    private static String string(RecordLocation at, Group row, String field) {
        if (row.getFieldRepetitionCount(field) == 0) {
            throw at.fieldError(field, "is null");
        }
        return utf8(at, field, row.getBinary(field, 0));
    }

    private static List<String> choices(RecordLocation at, Group row) {
        if (row.getFieldRepetitionCount(CHOICES) == 0) {
            throw at.fieldError(CHOICES, "is null");
        }
        Group list = row.getGroup(CHOICES, 0);
        List<String> choices = new ArrayList<>();
        for (int i = 0; i < list.getFieldRepetitionCount(0); i++) {
            Group element = list.getGroup(0, i);
            // A null option is kept as null: QuestionRecord reports it with its index.
            choices.add(element.getFieldRepetitionCount(0) == 0 ? null : utf8(at, CHOICES, element.getBinary(0, 0)));
        }
        return choices;
    }

    private static long answer(RecordLocation at, Group row, MessageType schema) {
        if (row.getFieldRepetitionCount(ANSWER) == 0) {
            throw at.fieldError(ANSWER, "is null");
        }
        return schema.getType(ANSWER).asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64
                ? row.getLong(ANSWER, 0)
                : row.getInteger(ANSWER, 0);
    }

    /** Strict UTF-8: a malformed string is an error, not a string with replacement characters. */
    private static String utf8(RecordLocation at, String field, Binary value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value.getBytes())).toString();
        } catch (CharacterCodingException e) {
            throw at.fieldError(field, "is not valid UTF-8");
        }
    }
}

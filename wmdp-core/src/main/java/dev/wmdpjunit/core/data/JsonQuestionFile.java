package dev.wmdpjunit.core.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads question records from JSON exports of the Hugging Face files: fields {@code question} (string),
 * {@code choices} (array of strings) and {@code answer} (integer); other fields are ignored.
 * Two forms: a JSON array of objects, or JSON Lines (one object per line, no blank lines).
 */
final class JsonQuestionFile {

    /** A key given twice in one object is an error, not "the last one wins". */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A JSON Lines line holds one object and nothing after it. */
    private static final ObjectReader LINE = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonQuestionFile() {
    }

    /** The records of a file holding one JSON array of objects. */
    static List<QuestionRecord> readArray(Path file) {
        List<QuestionRecord> records = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(Utf8Files.read(file))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw RecordLocation.line(file, parser.currentTokenLocation().getLineNr(), 0)
                        .error("expected a JSON array of question objects");
            }
            // A file that ends inside the array makes nextToken() throw, caught below with its line.
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                RecordLocation at = RecordLocation.line(file, parser.currentTokenLocation().getLineNr(), records.size());
                records.add(toRecord(at, JSON.readTree(parser)));
            }
            if (parser.nextToken() != null) {
                throw RecordLocation.line(file, parser.currentTokenLocation().getLineNr(), records.size())
                        .error("content after the end of the JSON array");
            }
            return records;
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw RecordLocation.line(file, line, records.size()).error("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e, e);
        }
    }

    /** The records of a JSON Lines file: line {@code n} (1-based) is row {@code n - 1} (0-based). */
    static List<QuestionRecord> readLines(Path file) {
        List<QuestionRecord> records = new ArrayList<>();
        for (String line : Utf8Files.read(file).lines().toList()) {
            RecordLocation at = RecordLocation.line(file, records.size() + 1, records.size());
            if (line.isBlank()) {
                throw at.error("blank line, expected one JSON object per line");
            }
            try {
                records.add(toRecord(at, LINE.readTree(line)));
            } catch (JsonProcessingException e) {
                throw at.error("malformed JSON: " + e.getOriginalMessage(), e);
            }
        }
        return records;
    }

    private static QuestionRecord toRecord(RecordLocation at, JsonNode node) {
        if (!node.isObject()) {
            throw at.error("expected a JSON object, found " + node.getNodeType());
        }
        String question = string(at, ParquetQuestionFile.QUESTION, field(at, node, ParquetQuestionFile.QUESTION));
        JsonNode choicesNode = field(at, node, ParquetQuestionFile.CHOICES);
        if (!choicesNode.isArray()) {
            throw at.fieldError(ParquetQuestionFile.CHOICES, "is " + choicesNode.getNodeType() + ", expected an array");
        }
        List<String> choices = new ArrayList<>();
        for (JsonNode choice : choicesNode) {
            // A null option is kept as null: QuestionRecord reports it with its index.
            choices.add(choice.isNull() ? null : string(at, ParquetQuestionFile.CHOICES, choice));
        }
        JsonNode answer = field(at, node, ParquetQuestionFile.ANSWER);
        if (!answer.isIntegralNumber() || !answer.canConvertToLong()) {
            throw at.fieldError(ParquetQuestionFile.ANSWER, "is " + answer + ", expected an integer");
        }
        return new QuestionRecord(at, null, question, choices, answer.longValue());
    }

    private static JsonNode field(RecordLocation at, JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            throw at.fieldError(name, "is missing");
        }
        if (value.isNull()) {
            throw at.fieldError(name, "is null");
        }
        return value;
    }

    private static String string(RecordLocation at, String name, JsonNode value) {
        if (!value.isTextual()) {
            throw at.fieldError(name, "holds " + value + ", expected a string");
        }
        return value.textValue();
    }
}

package dev.wmdpjunit.djl.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and validates the header of a safetensors file: an 8-byte little-endian length N, then N bytes of JSON
 * mapping tensor names to {@code dtype}, {@code shape} and {@code data_offsets}, plus an optional
 * {@code __metadata__} object of strings.
 *
 * <p>The layout is checked as strictly as the reference Rust implementation checks it: the tensors, ordered by
 * offset, must tile the data region exactly, with no gap, no overlap and no trailing bytes. Every file that
 * Hugging Face can load passes; a file with bytes no tensor explains fails. Duplicate names, which JSON parsers
 * usually resolve silently, are rejected too.
 */
final class SafetensorsHeader {

    /** The reference implementation's limit: a larger header is a corrupt file, not a big model. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";

    private static final Set<String> ENTRY_FIELDS = Set.of("dtype", "shape", "data_offsets");
    /** Duplicate tensor names are caught while walking the top level; duplicate keys inside an entry fail here. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final long dataStart;
    private final Map<String, TensorEntry> tensors;
    private final Map<String, String> metadata;

    private SafetensorsHeader(long dataStart, Map<String, TensorEntry> tensors, Map<String, String> metadata) {
        this.dataStart = dataStart;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /** Absolute file position of the first data byte (8 + N). */
    long dataStart() {
        return dataStart;
    }

    /** The tensors by name, in name order. */
    Map<String, TensorEntry> tensors() {
        return tensors;
    }

    /** The {@code __metadata__} strings (empty when the header has none). */
    Map<String, String> metadata() {
        return metadata;
    }

    static SafetensorsHeader read(Path file, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < Long.BYTES) {
            throw new SafetensorsException(file, "the file is " + fileSize
                    + " bytes long, shorter than the 8-byte header length that starts every safetensors file");
        }
        long headerLength = readFully(channel, 0, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 0 || headerLength > fileSize - Long.BYTES) {
            throw new SafetensorsException(file, "the header length " + Long.toUnsignedString(headerLength)
                    + " runs past the end of the file (" + fileSize + " bytes)");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new SafetensorsException(file, "the header length " + headerLength + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes");
        }
        ByteBuffer json = readFully(channel, Long.BYTES, (int) headerLength);
        long dataStart = Long.BYTES + headerLength;
        Parsed parsed = parse(file, json.array());
        checkLayout(file, parsed.tensors.values(), fileSize - dataStart);
        return new SafetensorsHeader(dataStart, new TreeMap<>(parsed.tensors), parsed.metadata);
    }

    private record Parsed(Map<String, TensorEntry> tensors, Map<String, String> metadata) {
    }

    private static Parsed parse(Path file, byte[] json) throws IOException {
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        String current = null;
        boolean metadataSeen = false;
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SafetensorsException(file, "the header is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                current = parser.currentName();
                parser.nextToken();
                JsonNode value = parser.readValueAsTree();
                if (value == null) {
                    value = NullNode.getInstance();
                }
                if (current.equals(METADATA_KEY)) {
                    if (metadataSeen) {
                        throw new SafetensorsException(file, "the header holds " + METADATA_KEY + " twice");
                    }
                    metadataSeen = true;
                    metadata.putAll(parseMetadata(file, value));
                } else if (tensors.containsKey(current)) {
                    throw new SafetensorsException(file, current, "the header names this tensor twice");
                } else {
                    tensors.put(current, parseEntry(file, current, value));
                }
                current = null;
            }
            if (parser.nextToken() != null) {
                throw new SafetensorsException(file, "the header has content after its JSON object");
            }
        } catch (JsonProcessingException e) {
            String tensor = METADATA_KEY.equals(current) ? null : current;
            String where = METADATA_KEY.equals(current) ? " (in " + METADATA_KEY + ")" : "";
            throw new SafetensorsException(file, tensor,
                    "the header is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        return new Parsed(tensors, metadata);
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode value) {
        if (!value.isObject()) {
            throw new SafetensorsException(file, METADATA_KEY + " is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (!field.getValue().isTextual()) {
                throw new SafetensorsException(file, METADATA_KEY + " key '" + field.getKey()
                        + "' holds " + field.getValue() + ", but metadata values must be strings");
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private static TensorEntry parseEntry(Path file, String name, JsonNode value) {
        if (!value.isObject()) {
            throw new SafetensorsException(file, name, "the header entry is " + value + ", not a JSON object");
        }
        for (Map.Entry<String, JsonNode> property : value.properties()) {
            String field = property.getKey();
            if (!ENTRY_FIELDS.contains(field)) {
                throw new SafetensorsException(file, name, "unexpected header field '" + field
                        + "' (expected dtype, shape, data_offsets)");
            }
        }
        JsonNode dtypeNode = required(file, name, value, "dtype");
        if (!dtypeNode.isTextual()) {
            throw new SafetensorsException(file, name, "dtype is " + dtypeNode + ", not a string");
        }
        SafetensorsDtype dtype = SafetensorsDtype.fromHeaderName(dtypeNode.textValue())
                .orElseThrow(() -> new SafetensorsException(file, name, "unsupported dtype '" + dtypeNode.textValue()
                        + "' (supported: " + SafetensorsDtype.supportedNames() + ")"));
        long[] shape = nonNegativeLongs(file, name, required(file, name, value, "shape"), "shape");
        long[] offsets = nonNegativeLongs(file, name, required(file, name, value, "data_offsets"), "data_offsets");
        if (offsets.length != 2) {
            throw new SafetensorsException(file, name, "data_offsets must hold 2 numbers [begin, end], not "
                    + offsets.length);
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw new SafetensorsException(file, name, "data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        long expectedBytes;
        try {
            long elements = 1;
            for (long dimension : shape) {
                elements = Math.multiplyExact(elements, dimension);
            }
            expectedBytes = Math.multiplyExact(elements, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new SafetensorsException(file, name, "shape " + describe(shape) + " has too many elements");
        }
        if (expectedBytes != end - begin) {
            throw new SafetensorsException(file, name, "shape " + describe(shape) + " of " + dtype + " needs "
                    + expectedBytes + " bytes, but data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    private static JsonNode required(Path file, String name, JsonNode entry, String field) {
        JsonNode node = entry.get(field);
        if (node == null) {
            throw new SafetensorsException(file, name, "the header entry has no '" + field + "'");
        }
        return node;
    }

    private static long[] nonNegativeLongs(Path file, String name, JsonNode node, String field) {
        if (!node.isArray()) {
            throw new SafetensorsException(file, name, field + " is " + node + ", not a JSON array");
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = node.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToLong() || element.longValue() < 0) {
                throw new SafetensorsException(file, name, field + " " + node
                        + " must hold non-negative integers, but element " + i + " is " + element);
            }
            values[i] = element.longValue();
        }
        return values;
    }

    /** The tensors, ordered by offset, must tile [0, dataLength) exactly. */
    private static void checkLayout(Path file, Iterable<TensorEntry> entries, long dataLength) {
        List<TensorEntry> byOffset = new ArrayList<>();
        for (TensorEntry entry : entries) {
            if (entry.end() > dataLength) {
                throw new SafetensorsException(file, entry.name(), "data_offsets [" + entry.begin() + ", "
                        + entry.end() + "] run past the end of the data region (" + dataLength
                        + " bytes): the file is truncated or the offsets are wrong");
            }
            byOffset.add(entry);
        }
        byOffset.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        long covered = 0;
        TensorEntry previous = null;
        for (TensorEntry entry : byOffset) {
            if (entry.begin() < covered) {
                throw new SafetensorsException(file, entry.name(), "data_offsets [" + entry.begin() + ", "
                        + entry.end() + "] overlap those of tensor '" + previous.name() + "' [" + previous.begin()
                        + ", " + previous.end() + "]");
            }
            if (entry.begin() > covered) {
                throw new SafetensorsException(file, entry.name(), "data bytes [" + covered + ", " + entry.begin()
                        + ") before this tensor belong to no tensor"
                        + (previous == null ? "" : " (the previous tensor is '" + previous.name() + "')"));
            }
            covered = entry.end();
            previous = entry;
        }
        if (covered != dataLength) {
            String problem = "data bytes [" + covered + ", " + dataLength + ") at the end of the file belong to no tensor";
            throw previous == null
                    ? new SafetensorsException(file, problem + " (the header names no tensor)")
                    : new SafetensorsException(file, previous.name(), problem + " (this is the last tensor)");
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    static String describe(long[] shape) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return text.append(']').toString();
    }
}

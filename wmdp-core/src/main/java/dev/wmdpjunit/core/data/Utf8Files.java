package dev.wmdpjunit.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads text files as strict UTF-8. A malformed byte is an error naming its line; it is never turned into a
 * replacement character. A leading byte order mark (Excel and other Windows tools write one) is dropped, as
 * Python's {@code utf-8-sig} and pandas do, so it never becomes part of the first question. (A streaming reader
 * fails wherever its buffer happens to be, so the whole file is decoded at once: the benchmark files are a few
 * megabytes at most.)
 */
final class Utf8Files {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private Utf8Files() {
    }

    static String read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e, e);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder(); // reports malformed input by default
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            throw new DatasetException(file + ": line " + lineOf(bytes, offset)
                    + " (1-based): is not valid UTF-8 (byte offset " + offset + ")");
        }
        String text = out.flip().toString();
        return text.isEmpty() || text.charAt(0) != BYTE_ORDER_MARK ? text : text.substring(1);
    }

    private static long lineOf(byte[] bytes, int offset) {
        long line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}

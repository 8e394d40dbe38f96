package dev.wmdpjunit.djl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wmdpjunit.core.testing.SharedFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The read-only shared fixtures, found through the Surefire system properties. */
final class SharedFolders {

    private SharedFolders() {
    }

    /** The shared folder ({@link SharedFolder#root()}). */
    static Path shared() {
        return SharedFolder.root();
    }

    static Path golden() {
        return SharedFolder.golden();
    }

    /** The tiny llama of the golden set, which the lm-eval golden ran with the toy byte tokenizer. */
    static Path goldenLlama() {
        return golden().resolve("llama");
    }

    static Path stories260k() {
        return SharedFolder.stories260K();
    }

    static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}

package dev.wmdpjunit.djl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The read-only shared fixtures, found through the Surefire system properties. */
final class SharedFolders {

    private SharedFolders() {
    }

    /** {@code wmdp.shared.dir}, or ../shared of the worktree (../../shared from the module) when absent. */
    static Path shared() {
        String property = System.getProperty("wmdp.shared.dir");
        return Path.of(property != null ? property : "../../shared");
    }

    static Path golden() {
        String property = System.getProperty("wmdp.golden.dir");
        return property != null ? Path.of(property) : shared().resolve("golden");
    }

    /** The tiny llama of the golden set, which the lm-eval golden ran with the toy byte tokenizer. */
    static Path goldenLlama() {
        return golden().resolve("llama");
    }

    static Path stories260k() {
        return shared().resolve("models/stories260K");
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

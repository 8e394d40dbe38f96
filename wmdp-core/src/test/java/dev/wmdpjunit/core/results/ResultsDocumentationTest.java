package dev.wmdpjunit.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example in RESULTS.md is a valid results file, so the documentation cannot drift from the code. */
class ResultsDocumentationTest {

    @Test
    void exampleInResultsMdIsAValidFile(@TempDir Path dir) throws IOException {
        // Surefire runs in the module directory, where RESULTS.md lives.
        String doc = Files.readString(Path.of("RESULTS.md"));
        int start = doc.indexOf("```json\n") + "```json\n".length();
        String example = doc.substring(start, doc.indexOf("```", start));
        Path file = Files.writeString(dir.resolve("wmdp-bio.json"), example);

        ResultsFile read = ResultsJson.read(file);
        assertThat(read.result().domain()).isEqualTo("wmdp-bio");
        assertThat(read.result().n()).isEqualTo(3);
        // Writing what was read reproduces the example byte for byte.
        assertThat(Files.readString(ResultsJson.write(dir.resolve("again"), read))).isEqualTo(example);
    }
}

package dev.wmdpjunit.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RmuRunJsonTest {

    @TempDir
    Path dir;

    private static RmuRun sample() {
        Map<String, Object> hyperparameters = new LinkedHashMap<>();
        hyperparameters.put("layer_id", 7);
        hyperparameters.put("layer_ids", List.of(5, 6, 7));
        hyperparameters.put("lr", 5.0e-5);
        hyperparameters.put("optimizer", "TRANSFORMERS");
        return new RmuRun("ab".repeat(32), Map.of("format", "wmdp-junit rmu-fixture cache 2", "hyperparameters",
                hyperparameters), "/models/base", List.of("/corpora/bio.jsonl"), List.of("/corpora/wiki.raw"),
                List.of(new RmuRun.Step(40.0, 0.0625, 40.0625), new RmuRun.Step(20.5, 0.25, 20.75)),
                Optional.of(new RmuRun.CollapseCheck(12.5, 13.25, 2.0, false)),
                Map.of("model.safetensors", new RmuRun.FileRecord(1024, "cd".repeat(32))));
    }

    @Test
    void roundTripsEveryFieldAndGivesTheHyperparametersAsText() throws IOException {
        RmuRun written = sample();

        Path file = RmuRunJson.write(dir, written);

        assertThat(file).isEqualTo(dir.resolve(RmuRunJson.FILE_NAME));
        assertThat(RmuRunJson.readIfPresent(dir)).contains(written);
        assertThat(written.hyperparameters()).containsEntry("layer_id", "7").containsEntry("layer_ids", "[5,6,7]")
                .containsEntry("lr", "5.0E-5").containsEntry("optimizer", "TRANSFORMERS");
        assertThat(RmuRunJson.readIfPresent(dir.resolve("elsewhere"))).isEmpty();
    }

    @Test
    void aMalformedStepIsAnErrorNamingTheFileAndTheField() throws IOException {
        Path file = RmuRunJson.write(dir, sample());
        Files.writeString(file, Files.readString(file).replaceFirst("\\[ 20\\.5,", "[ \"x\","));

        assertThatThrownBy(() -> RmuRunJson.read(file)).isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("field 'losses[1]'");
    }
}

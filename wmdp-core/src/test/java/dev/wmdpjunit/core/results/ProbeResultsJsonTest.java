package dev.wmdpjunit.core.results;

import static dev.wmdpjunit.core.results.DomainResultTest.DATASET;
import static dev.wmdpjunit.core.results.DomainResultTest.MODEL;
import static dev.wmdpjunit.core.results.DomainResultTest.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeResultsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ProbeResult sample() {
        DomainResult plain = DomainResult.of("toy-bio", questions(20, 5), "lm-eval-0.4.9.2", MODEL, DATASET);
        DomainResult shifted = DomainResult.of("toy-bio", questions(20, 9), "lm-eval-0.4.9.2", MODEL, DATASET);
        return new ProbeResult("0.1.0-SNAPSHOT", Instant.parse("2026-12-02T03:00:00Z"), "permuted-choices",
                "permuted-choices", "toy-bio", "accuracy under each rotation", Map.of("rotations", "all cyclic"),
                List.of(new ProbeVariant("rotation-0", true, plain, Map.of("letter.A", 0.5)),
                        new ProbeVariant("rotation-1", false, shifted, Map.of())),
                Map.of("consistent", 0.75));
    }

    @Test
    void roundTripsTheSummaryAndEveryVariantsResults() throws IOException {
        ProbeResult written = sample();
        Path file = ProbeResultsJson.write(dir, written);

        assertThat(file).isEqualTo(dir.resolve("permuted-choices").resolve("toy-bio.json"));
        assertThat(dir.resolve("permuted-choices/rotation-1/toy-bio.json")).isRegularFile();
        assertThat(ProbeResultsJson.read(file)).isEqualTo(written);
        assertThat(JSON.readTree(file.toFile()).path("variants").get(1).path("results").asText())
                .isEqualTo("rotation-1/toy-bio.json");
    }

    @Test
    void countsThatDisagreeWithTheVariantsFileAreRejected() throws IOException {
        Path file = ProbeResultsJson.write(dir, sample());
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        ((ObjectNode) root.path("variants").get(0)).put("correct", 19);
        JSON.writeValue(file.toFile(), root);

        assertThatThrownBy(() -> ProbeResultsJson.read(file)).isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("variants[0]")
                .hasMessageContaining("disagree");
    }

    @Test
    void unknownFieldsAndEscapingPathsAreRejected() throws IOException {
        Path file = ProbeResultsJson.write(dir, sample());
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        root.put("surprise", 1);
        JSON.writeValue(file.toFile(), root);
        assertThatThrownBy(() -> ProbeResultsJson.read(file)).hasMessageContaining("'surprise': unknown field");

        root.remove("surprise");
        ((ObjectNode) root.path("variants").get(0)).put("results", "../../elsewhere.json");
        JSON.writeValue(file.toFile(), root);
        assertThatThrownBy(() -> ProbeResultsJson.read(file)).hasMessageContaining("variants[0].results")
                .hasMessageContaining("below");
    }

    @Test
    void aVariantOfAnotherBenchmarkOrANonFiniteMeasurementIsRefused() {
        DomainResult other = DomainResult.of("toy-chem", questions(4, 1), "lm-eval-0.4.9.2", MODEL, DATASET);
        assertThatThrownBy(() -> new ProbeResult("v", Instant.EPOCH, "p", "p", "toy-bio", "", Map.of(),
                List.of(new ProbeVariant("a", true, other, Map.of())), Map.of()))
                .hasMessageContaining("not of toy-bio");
        assertThatThrownBy(() -> new ProbeVariant("a", true, other, Map.of("x", Double.NaN)))
                .hasMessageContaining("measurement x is NaN");
        assertThat(Files.exists(dir.resolve("p"))).isFalse();
    }
}

package dev.wmdpjunit.djl.runtime;

import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.safetensors.FixtureDirs;
import dev.wmdpjunit.djl.safetensors.SafetensorsFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A model too large for the memory the process can get is refused before loading, with what to do. */
class MemoryCheckTest {

    private static final Path LLAMA = FixtureDirs.golden().resolve("llama");

    @Test
    void countsHalfPrecisionMatricesAtTwoBytesAndVectorsAtFour() {
        try (SafetensorsFile weights = SafetensorsFile.open(LLAMA.resolve("model.safetensors"))) {
            long matrices = weights.names().stream().filter(n -> weights.shape(n).dimension() == 2)
                    .mapToLong(n -> weights.shape(n).size()).sum();
            long vectors = weights.names().stream().filter(n -> weights.shape(n).dimension() == 1)
                    .mapToLong(n -> weights.shape(n).size()).sum();
            assertThat(matrices).isPositive();
            assertThat(vectors).isPositive();
            assertThat(MemoryCheck.heldBytes(weights, WeightDtype.FLOAT32)).isEqualTo(4 * (matrices + vectors));
            assertThat(MemoryCheck.heldBytes(weights, WeightDtype.BFLOAT16)).isEqualTo(2 * matrices + 4 * vectors);
            assertThat(MemoryCheck.heldBytes(weights, WeightDtype.FLOAT16)).isEqualTo(2 * matrices + 4 * vectors);
        }
    }

    @Test
    void refusesWhatDoesNotFitNamingBytesDtypeAvailableMemoryAndRemedies() {
        try (SafetensorsFile weights = SafetensorsFile.open(LLAMA.resolve("model.safetensors"))) {
            MemoryCheck.Available small = new MemoryCheck.Available(500_000_000L, "MemAvailable 0.50 GB");
            assertThatThrownBy(() -> MemoryCheck.ensureFits(LLAMA, weights, WeightDtype.FLOAT32, small))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(LLAMA.toString())
                    .hasMessageContaining("held as float32 need 0.00 GB")
                    .hasMessageContaining("only 0.50 GB is available (MemAvailable 0.50 GB)")
                    .hasMessageContaining("wmdp.dtype=bfloat16")
                    .hasMessageContaining("server backend");
            assertThatThrownBy(() -> MemoryCheck.ensureFits(LLAMA, weights, WeightDtype.BFLOAT16, small))
                    .hasMessageContaining("held as bfloat16")
                    .hasMessageContaining("already held in 2 bytes per weight");
            MemoryCheck.ensureFits(LLAMA, weights, WeightDtype.FLOAT32,
                    new MemoryCheck.Available(MemoryCheck.WORKING_SET_BYTES + 1_000_000L, "enough"));
        }
    }

    @Test
    void readsTheMemoryThisProcessCanGet() {
        MemoryCheck.Available available = MemoryCheck.available();
        assertThat(available.bytes()).isPositive();
        assertThat(available.source()).contains("MemAvailable");
    }
}

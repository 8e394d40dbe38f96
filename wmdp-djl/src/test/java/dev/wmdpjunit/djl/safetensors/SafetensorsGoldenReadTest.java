package dev.wmdpjunit.djl.safetensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads every shared safetensors file and compares it with DJL's own decoder, an independent implementation. */
class SafetensorsGoldenReadTest {

    static List<Path> sharedFiles() {
        return FixtureDirs.allSafetensorsFiles();
    }

    @Test
    void findsTheSharedFiles() {
        assertThat(sharedFiles()).extracting(p -> p.getFileName().toString())
                .contains("model.safetensors", "golden.safetensors", "rmu_golden.safetensors")
                .hasSizeGreaterThanOrEqualTo(16);
    }

    @ParameterizedTest
    @MethodSource("sharedFiles")
    void matchesDjlDecoderBitForBit(Path file) throws IOException {
        try (SafetensorsFile ours = SafetensorsFile.open(file);
             NDManager manager = NDManager.newBaseManager();
             InputStream in = Files.newInputStream(file)) {
            Map<String, NDArray> reference = new HashMap<>();
            for (NDArray array : NDList.decode(manager, in)) {
                reference.put(array.getName(), array);
            }
            assertThat(ours.names()).containsExactlyInAnyOrderElementsOf(reference.keySet());
            for (String name : ours.names()) {
                NDArray expected = reference.get(name);
                assertThat(ours.shape(name)).as(name).isEqualTo(expected.getShape());
                assertThat(ours.dataType(name)).as(name).isEqualTo(expected.getDataType());
                NDArray actual = ours.load(name, manager, expected.getDataType());
                assertThat(actual.getName()).isEqualTo(name);
                assertThat(actual.toByteArray()).as(name).isEqualTo(expected.toByteArray());
            }
        }
    }

    @Test
    void convertsF32ToF16AsTorchDoes() {
        Path file = FixtureDirs.golden().resolve("llama/model.safetensors");
        try (SafetensorsFile ours = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            for (String name : ours.names()) {
                NDArray f32 = ours.load(name, manager, DataType.FLOAT32);
                NDArray f16 = ours.load(name, manager, DataType.FLOAT16);
                assertThat(f16.getDataType()).isEqualTo(DataType.FLOAT16);
                assertThat(f16.toByteArray()).as(name).isEqualTo(f32.toType(DataType.FLOAT16, true).toByteArray());
                NDArray f64 = ours.load(name, manager, DataType.FLOAT64);
                assertThat(f64.toByteArray()).as(name).isEqualTo(f32.toType(DataType.FLOAT64, true).toByteArray());
            }
        }
    }

    @Test
    void readsTheSameInSmallPieces() {
        Path file = FixtureDirs.golden().resolve("rmu/rmu_golden.safetensors");
        try (SafetensorsFile whole = SafetensorsFile.open(file);
             SafetensorsFile pieces = SafetensorsFile.open(file, new StagingBuffer(), 8 * 125);
             NDManager manager = NDManager.newBaseManager()) {
            for (String name : whole.names()) {
                DataType type = whole.dataType(name);
                assertThat(pieces.load(name, manager, type).toByteArray()).as(name)
                        .isEqualTo(whole.load(name, manager, type).toByteArray());
            }
        }
    }

    @Test
    void loadedArraysOwnTheirMemory() {
        Path file = FixtureDirs.golden().resolve("llama/model.safetensors");
        try (SafetensorsFile ours = SafetensorsFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            NDArray first = ours.load("model.norm.weight", manager, DataType.FLOAT32);
            float[] before = first.toFloatArray();
            NDArray other = ours.load("lm_head.weight", manager, DataType.FLOAT32); // reuses the staging buffer
            first.subi(1f); // an in-place update must not touch the file or the other array
            assertThat(first.toFloatArray()[0]).isEqualTo(before[0] - 1f);
            assertThat(other.toFloatArray()).isEqualTo(ours.load("lm_head.weight", manager, DataType.FLOAT32).toFloatArray());
            assertThat(ours.load("model.norm.weight", manager, DataType.FLOAT32).toFloatArray()).isEqualTo(before);
        }
    }

    @Test
    void readsMetadata() {
        try (SafetensorsFile model = SafetensorsFile.open(FixtureDirs.golden().resolve("llama/model.safetensors"));
             SafetensorsFile golden = SafetensorsFile.open(FixtureDirs.golden().resolve("llama/golden.safetensors"))) {
            assertThat(model.metadata()).containsExactly(Map.entry("format", "pt"));
            assertThat(golden.metadata()).containsEntry("format", "golden").containsEntry("arch", "llama");
        }
    }
}

package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.safetensors.SafetensorsDtype;
import dev.wmdpjunit.djl.safetensors.SafetensorsFile;
import dev.wmdpjunit.djl.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Half-precision weights on the goldens' BF16 and F16 copies (every golden model written by the project's writer
 * with its weights rounded to that type). Held in 2 bytes (the default for such a checkpoint), the model computes
 * what the float32 model computes on the same rounded weights, within {@link #SAME_WEIGHTS} on the logits; the
 * float32 model matches transformers within {@link Goldens#TOLERANCE}. Against transformers' float32 outputs on
 * the unrounded weights, the logits move by what rounding the weights does, bounded by {@link #ROUNDED_WEIGHTS}.
 */
class HalfPrecisionGoldenTest {

    /** Float16-held vs float32-held logits of the same rounded weights (only float16 subnormals differ, by 3e-8). */
    static final double SAME_WEIGHTS = 1e-5;

    /** Largest logit change from rounding the golden weights, per file type (measured at most 0.059 and 0.006). */
    static final Map<SafetensorsDtype, Double> ROUNDED_WEIGHTS = Map.of(SafetensorsDtype.BF16, 0.1,
            SafetensorsDtype.F16, 0.01);

    @TempDir
    Path temp;

    static Stream<Arguments> copies() {
        return Goldens.modelFolders(Goldens.goldenDir()).stream()
                .flatMap(folder -> Stream.of(SafetensorsDtype.BF16, SafetensorsDtype.F16)
                        .map(dtype -> Arguments.of(folder.getFileName().toString(), dtype)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("copies")
    void halfPrecisionWeightsComputeWhatFloat32ComputesOnTheSameWeights(String arch, SafetensorsDtype fileDtype)
            throws IOException {
        Path folder = Goldens.goldenDir().resolve(arch);
        Path copy = temp.resolve("model.safetensors");
        try (SafetensorsFile original = SafetensorsFile.open(folder.resolve("model.safetensors"))) {
            new SafetensorsWriter(fileDtype).addAll(original).write(copy);
        }
        ModelConfig config = ModelConfig.read(folder.resolve("config.json"));
        try (SafetensorsFile weights = SafetensorsFile.open(copy);
             GoldenFixture golden = new GoldenFixture(folder);
             NDManager manager = NDManager.newBaseManager()) {
            WeightDtype held = CausalLm.defaultDtype(weights);
            assertThat(held).isEqualTo(fileDtype == SafetensorsDtype.BF16 ? WeightDtype.BFLOAT16 : WeightDtype.FLOAT16);
            try (CausalLm half = CausalLm.load(config, weights, SlidingWindowRule.TRANSFORMERS_4_40, held);
                 CausalLm full = CausalLm.load(config, weights, SlidingWindowRule.TRANSFORMERS_4_40, WeightDtype.FLOAT32)) {
                half.parameters().asMap().forEach((name, array) -> assertThat(array.getDataType()).as(name)
                        .isEqualTo(array.getShape().dimension() == 2 ? DataType.FLOAT16 : DataType.FLOAT32));
                for (String input : new String[] {"seq33", "batch"}) {
                    NDArray ids = golden.inputIds(input);
                    NDArray mask = golden.attentionMask(input);
                    NDArray batchIds = ids.getShape().dimension() == 1 ? ids.reshape(1, -1) : ids;
                    NDArray halfLogits = half.logits(batchIds, mask);
                    NDArray fullLogits = full.logits(batchIds, mask);
                    double sameWeights = maxDifference(halfLogits, fullLogits, mask);
                    NDArray expected = golden.expected(input + ".logits");
                    double rounded = maxDifference(halfLogits.reshape(expected.getShape()), expected,
                            mask);
                    System.out.printf("%s %s %s: held vs float32 on the same weights %.2e; vs transformers"
                            + " float32 on the original weights %.3f%n", arch, fileDtype, input, sameWeights, rounded);
                    assertThat(sameWeights).as(input).isLessThanOrEqualTo(SAME_WEIGHTS);
                    assertThat(rounded).as(input).isLessThanOrEqualTo(ROUNDED_WEIGHTS.get(fileDtype));
                }
            }
        }
    }

    /** Largest absolute difference over real (unpadded) positions. */
    private static double maxDifference(NDArray a, NDArray b, NDArray mask) {
        NDArray difference = a.sub(b).abs();
        if (mask != null) {
            difference = difference.mul(mask.toType(DataType.FLOAT32, false).reshape(mask.getShape().add(1)));
        }
        return difference.max().getFloat();
    }
}

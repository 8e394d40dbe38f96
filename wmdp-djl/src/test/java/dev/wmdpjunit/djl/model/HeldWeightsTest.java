package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.safetensors.SafetensorsDtype;
import dev.wmdpjunit.djl.safetensors.SafetensorsFile;
import dev.wmdpjunit.djl.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link ModelParameters} holds a checkpoint's tensors in a 2-byte dtype: matrices as float16 unless a value
 * lies beyond float16's range (bfloat16 only), vectors as float32, values those of the checkpoint rounded to the dtype.
 */
class HeldWeightsTest {

    /** Normal values, a float16 subnormal (1e-6), and zero; all within float16's range. */
    private static final float[] IN_RANGE = {0.02f, -1.5f, 1e-6f, 0f, 300f, -65000f};
    /** 70,000 is a bfloat16 (70,144 after rounding) but beyond float16 (65,504). */
    private static final float[] BEYOND_HALF = {0.02f, -1.5f, 1e-6f, 0f, 300f, 70000f};

    @TempDir
    Path temp;

    @Test
    void bfloat16MatricesAreHeldInFloat16UnlessAValueIsBeyondItsRange() throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
             SafetensorsFile file = write(manager, SafetensorsDtype.BF16)) {
            ModelParameters held = load(file, manager, WeightDtype.BFLOAT16);
            NDArray fromFile = file.load("inRange", manager, DataType.FLOAT32); // bfloat16 widened exactly

            assertThat(held.get("inRange").getDataType()).isEqualTo(DataType.FLOAT16);
            // exactly what torch's rounding of the widened values to float16 gives (only the subnormal moves)
            assertThat(held.get("inRange").contentEquals(fromFile.toType(DataType.FLOAT16, false))).isTrue();
            assertThat(held.get("inRange").toType(DataType.FLOAT32, false).sub(fromFile).abs().max().getFloat())
                    .isLessThanOrEqualTo(ModelParameters.SUBNORMAL_ERROR);

            assertThat(held.get("beyondHalf").getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(held.get("beyondHalf").toFloatArray()[5]).isEqualTo(70144f);
            assertThat(held.get("beyondHalf").contentEquals(file.load("beyondHalf", manager, DataType.FLOAT32)))
                    .isTrue();

            assertThat(held.get("norm").getDataType()).isEqualTo(DataType.FLOAT32);
        }
    }

    @Test
    void float16HoldsWhatTorchRoundingToFloat16Gives() throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
             SafetensorsFile file = write(manager, SafetensorsDtype.F32)) {
            ModelParameters held = load(file, manager, WeightDtype.FLOAT16);
            for (String name : new String[] {"inRange", "beyondHalf"}) {
                NDArray torchRounded = file.load(name, manager, DataType.FLOAT32).toType(DataType.FLOAT16, false);
                assertThat(held.get(name).getDataType()).isEqualTo(DataType.FLOAT16);
                assertThat(held.get(name).contentEquals(torchRounded)).as(name).isTrue();
            }
            assertThat(held.get("beyondHalf").toFloatArray()[5]).isInfinite(); // as transformers' float16 holds it
            NDArray norm = file.load("norm", manager, DataType.FLOAT32);
            assertThat(held.get("norm").getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(held.get("norm").contentEquals(norm.toType(DataType.FLOAT16, false)
                    .toType(DataType.FLOAT32, false))).isTrue();
        }
    }

    /** Narrowing that makes a finite value infinite is refused, by the file's one-pass check and by the default. */
    @ParameterizedTest
    @EnumSource(value = SafetensorsDtype.class, names = {"BF16", "F32"})
    void loadFiniteRefusesAFiniteValueBecomingInfinite(SafetensorsDtype fileDtype) throws IOException {
        try (NDManager manager = NDManager.newBaseManager(); SafetensorsFile file = write(manager, fileDtype);
             // without edits: another reader of the same file, with the interface's own loadFinite
             EditedTensorSource unedited = new EditedTensorSource(file.file())) {
            for (TensorSource source : new TensorSource[] {file, unedited}) {
                assertThat(source.loadFinite("beyondHalf", manager, DataType.FLOAT16)).isEmpty();
                assertThat(source.loadFinite("inRange", manager, DataType.FLOAT16)).get()
                        .matches(array -> array.contentEquals(file.load("inRange", manager, DataType.FLOAT16)));
                assertThat(source.loadFinite("beyondHalf", manager, DataType.FLOAT32)).isPresent();
            }
        }
    }

    private SafetensorsFile write(NDManager manager, SafetensorsDtype dtype) throws IOException {
        Path file = temp.resolve(dtype + ".safetensors");
        new SafetensorsWriter(dtype)
                .add("inRange", manager.create(IN_RANGE, new Shape(2, 3)))
                .add("beyondHalf", manager.create(BEYOND_HALF, new Shape(3, 2)))
                .add("norm", manager.create(new float[] {1f, 0.3333f, 1e-6f}))
                .write(file);
        return SafetensorsFile.open(file);
    }

    private static ModelParameters load(SafetensorsFile file, NDManager manager, WeightDtype dtype) {
        ParameterLayout layout = new ParameterLayout().add("inRange", 2, 3).add("beyondHalf", 3, 2).add("norm", 3);
        return ModelParameters.load(file, layout, manager, "test tensors", dtype);
    }
}

package dev.wmdpjunit.rmu;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wmdpjunit.djl.checkpoint.CheckpointDirectory;
import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.ModelConfig;
import dev.wmdpjunit.djl.safetensors.SafetensorsFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reproduces the RMU reference run of the golden folder step by step, with the tolerances its README gives:
 * parameters atol 5e-6, forget and total loss rtol 1e-5, retain loss rtol 1e-3. Batches, control vector and every
 * setting come from the fixture.
 */
class RmuGoldenTest {

    private static final double PARAMETER_ATOL = 5e-6;
    private static final double LOSS_RTOL = 1e-5;
    private static final double RETAIN_LOSS_RTOL = 1e-3;

    private static GoldenRmu golden;
    private static SafetensorsFile tensors;
    private static NDManager manager;

    @BeforeAll
    static void open() {
        golden = GoldenRmu.load();
        tensors = SafetensorsFile.open(golden.tensors());
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
        tensors.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"optimizer_primary, '', log_primary", "optimizer_secondary, torch_adamw., log_torch_adamw"})
    void everyStepMatchesTheReferenceRun(String optimizerKey, String prefix, String logKey) {
        Path modelDir = golden.modelDir();
        ModelConfig config = ModelConfig.read(modelDir.resolve("config.json"));
        double alpha = golden.hyperparameters().path("alpha").asDouble();
        TokenBatch forget = batch("forget");
        TokenBatch retain = batch("retain");
        float[] controlVector = tensor("control_vec").toFloatArray();
        JsonNode log = golden.json.path(logKey);
        assertThat(log.size()).isEqualTo(golden.steps());

        try (CausalLm updated = load(config, modelDir); CausalLm frozen = load(config, modelDir)) {
            List<String> trainable = ParameterSelection.byParamIds(golden.ints("param_ids"))
                    .resolve(updated.parameters(), config.architecture(), golden.ints("layer_ids"));
            assertThat(trainable).isEqualTo(golden.trainableParams());
            try (RmuTrainer trainer = new RmuTrainer(updated, frozen, golden.layerId(), trainable,
                    golden.optimizer(optimizerKey))) {
                for (String name : trainable) {
                    assertThat(maxAbsDiff(trainer.trainable().get(name), tensor("init." + name))).isZero();
                }
                for (int step = 1; step <= golden.steps(); step++) {
                    StepLosses losses = trainer.step(forget, retain, controlVector, alpha);
                    JsonNode expected = log.get(step - 1);
                    assertThat(expected.path("step").asInt()).isEqualTo(step);
                    assertRelative("forget loss, step " + step, losses.forget(), expected.path("forget_loss"), LOSS_RTOL);
                    assertRelative("total loss, step " + step, losses.total(), expected.path("total_loss"), LOSS_RTOL);
                    assertRelative("retain loss, step " + step, losses.retain(), expected.path("retain_loss"),
                            RETAIN_LOSS_RTOL);
                    for (String name : trainable) {
                        NDArray reference = tensor(prefix + "step" + step + ".param_after." + name);
                        assertThat(maxAbsDiff(trainer.trainable().get(name), reference))
                                .as("%s after step %d", name, step).isLessThanOrEqualTo(PARAMETER_ATOL);
                    }
                }
            }
            // The frozen model is never touched.
            for (String name : trainable) {
                assertThat(maxAbsDiff(frozen.parameters().get(name), tensor("init." + name))).isZero();
            }
        }
    }

    @Test
    void theSeededGeneratorDrawsTheFixturesRandomVector() {
        // When the fixture drew u right after torch.manual_seed(seed), the torch-compatible stream must give the same.
        assumeTrue(golden.json.path("control_vector").asText().contains("immediately before drawing"),
                "the fixture does not seed immediately before drawing the control vector");
        float[] expected = tensor("random_vector_u").toFloatArray();
        float[] drawn = new TorchCpuRandom(golden.hyperparameters().path("seed").asLong()).nextFloats(expected.length);
        assertThat(drawn).containsExactly(expected);
        float[] control = ControlVectors.fromUniform(drawn, golden.hyperparameters().path("steering_coeff").asDouble());
        float[] expectedControl = tensor("control_vec").toFloatArray();
        for (int i = 0; i < control.length; i++) {
            assertThat(control[i]).as("component %d", i).isCloseTo(expectedControl[i], within(1e-6f));
        }
    }

    private static CausalLm load(ModelConfig config, Path modelDir) {
        try (TensorSource weights = CheckpointDirectory.open(modelDir)) {
            return CausalLm.load(config, weights);
        }
    }

    private static TokenBatch batch(String name) {
        return new TokenBatch(rows(tensor(name + ".input_ids")), rows(tensor(name + ".attention_mask")));
    }

    private static long[][] rows(NDArray array) {
        long[][] rows = new long[(int) array.getShape().get(0)][];
        for (int row = 0; row < rows.length; row++) {
            rows[row] = array.get(row).toLongArray();
        }
        return rows;
    }

    private static NDArray tensor(String name) {
        DataType type = tensors.dataType(name) == DataType.INT64 ? DataType.INT64 : DataType.FLOAT32;
        return tensors.load(name, manager, type);
    }

    private static double maxAbsDiff(NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        return actual.sub(expected).abs().max().getFloat();
    }

    private static void assertRelative(String what, double actual, JsonNode expected, double rtol) {
        assertThat(expected.isNumber()).as("%s is in the golden log", what).isTrue();
        double reference = expected.asDouble();
        assertThat(actual).as(what).isCloseTo(reference, within(rtol * Math.abs(reference)));
    }
}

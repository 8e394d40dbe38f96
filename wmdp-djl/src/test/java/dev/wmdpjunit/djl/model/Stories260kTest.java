package dev.wmdpjunit.djl.model;

import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.safetensors.SafetensorsFile;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The real pretrained stories260K (Llama, tied head) against its HF golden outputs: every tensor its
 * golden.json lists, including greedy generation, which must reproduce the ids exactly.
 */
class Stories260kTest {

    private static final Path FOLDER = Goldens.sharedDir().resolve("models/stories260K");
    private static final Map<String, Double> WORST = new TreeMap<>();

    private static NDManager manager;
    private static JsonNode golden;
    private static Map<String, NDArray> expected;
    private static CausalLm model;

    @BeforeAll
    static void load() {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        golden = Goldens.readJson(FOLDER.resolve("golden.json"));
        expected = Goldens.readTensors(FOLDER.resolve("golden.safetensors"), manager);
        try (TensorSource weights = SafetensorsFile.open(FOLDER.resolve("model.safetensors"))) {
            model = CausalLm.load(ModelConfig.read(FOLDER.resolve("config.json")), weights);
        }
    }

    @AfterAll
    static void close() {
        System.out.println("stories260K, max |diff| per tensor kind:");
        WORST.forEach((kind, diff) -> System.out.printf("  %-40s %.3e%n", kind, diff));
        model.close();
        manager.close();
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenTensorMatches() {
        List<String> names = new ArrayList<>();
        golden.get("tensors").fieldNames().forEachRemaining(names::add);
        assertThat(names).isNotEmpty();
        return names.stream().map(name -> dynamicTest(name, () -> check(name)));
    }

    private static void check(String name) {
        String[] parts = name.split("\\.");
        if (golden.get("prompts").has(parts[0])) {
            checkPrompt(parts[0], name.substring(parts[0].length() + 1), expected(name));
        } else if (parts[0].equals("gen")) {
            checkGeneration(parts[1], parts[2], expected(name));
        } else if (parts[0].equals("lmeval")) {
            checkLmEval(parts, expected(name));
        } else {
            throw new AssertionError("no check for golden tensor " + name);
        }
    }

    private static void checkPrompt(String prompt, String kind, NDArray expectedTensor) {
        NDArray ids = Goldens.longArray(golden.get("prompts").get(prompt).get("input_ids"), manager).expandDims(0);
        if (kind.equals("input_ids")) {
            assertThat(expectedTensor.contentEquals(ids.squeeze(0))).isTrue();
            return;
        }
        ForwardResult result = model.forward(ids, null, ForwardOptions.LOGITS.withHiddenStates().withLayerOutputs());
        NDArray actual = switch (kind) {
            case "logits" -> result.logits().squeeze(0);
            case "log_softmax" -> result.logits().squeeze(0).logSoftmax(1);
            case "next_token_logprobs" -> LogProbs.nextToken(result.logits(), ids).squeeze(0);
            case "hidden_states" -> NDArrays.stack(new NDList(result.hiddenStates()), 0).squeeze(1);
            case "layer_outputs" -> NDArrays.stack(new NDList(result.layerOutputs()), 0).squeeze(1);
            default -> throw new AssertionError("no check for prompt tensor kind " + kind);
        };
        assertWithinTolerance(kind, actual, expectedTensor);
    }

    private static void checkGeneration(String generation, String kind, NDArray expectedTensor) {
        JsonNode spec = golden.get("generation").get(generation);
        long[] outputIds = Goldens.longs(spec.get("output_ids"));
        switch (kind) {
            case "output_ids" -> {
                long[] generated = GreedyDecoding.generate(model, Goldens.longs(spec.get("prompt_ids")),
                        spec.get("max_new_tokens").asInt());
                assertThat(generated).as("greedy ids").containsExactly(outputIds);
                assertThat(expectedTensor.toLongArray()).containsExactly(outputIds);
            }
            case "logits" -> assertWithinTolerance("generation logits",
                    model.logits(manager.create(outputIds).expandDims(0), null).squeeze(0), expectedTensor);
            default -> throw new AssertionError("no check for generation tensor kind " + kind);
        }
    }

    /** lmeval.variant.letter.kind, or lmeval.variant.loglikelihoods. */
    private static void checkLmEval(String[] parts, NDArray expectedTensor) {
        String variant = parts[1];
        if (parts[2].equals("loglikelihoods")) {
            double[] sums = new double[4];
            for (int letter = 0; letter < 4; letter++) {
                sums[letter] = continuationLogprobs(variant, String.valueOf((char) ('A' + letter))).sum().getFloat();
            }
            assertWithinTolerance("lmeval loglikelihoods", manager.create(sums), expectedTensor);
            return;
        }
        String letter = parts[2];
        String prefix = "lmeval." + variant + "." + letter + ".";
        switch (parts[3]) {
            case "model_input_ids", "continuation_ids" -> assertThat(expectedTensor.getShape().dimension()).isEqualTo(1);
            case "token_logprobs" -> assertWithinTolerance("lmeval token_logprobs",
                    continuationLogprobs(variant, letter), expected(prefix + "token_logprobs"));
            default -> throw new AssertionError("no check for lmeval tensor kind " + parts[3]);
        }
    }

    /** The log-probs of a continuation: the last C positions of the model input predict its C tokens. */
    private static NDArray continuationLogprobs(String variant, String letter) {
        String prefix = "lmeval." + variant + "." + letter + ".";
        NDArray input = expected(prefix + "model_input_ids").expandDims(0);
        NDArray continuation = expected(prefix + "continuation_ids");
        long length = input.getShape().get(1);
        long scored = continuation.getShape().get(0);
        NDArray logSoftmax = model.logits(input, null).squeeze(0).get((length - scored) + ":").logSoftmax(1);
        return logSoftmax.gather(continuation.expandDims(1), 1).squeeze(1);
    }

    private static void assertWithinTolerance(String kind, NDArray actual, NDArray expectedTensor) {
        double diff = Goldens.maxAbsDiff(actual, expectedTensor, null);
        WORST.merge(kind, diff, Math::max);
        assertThat(diff).as(kind + " max |diff|").isLessThanOrEqualTo(Goldens.TOLERANCE);
    }

    private static NDArray expected(String name) {
        NDArray array = expected.get(name);
        if (array == null) {
            throw new AssertionError("golden.safetensors lacks " + name + ", which golden.json lists");
        }
        return array;
    }
}

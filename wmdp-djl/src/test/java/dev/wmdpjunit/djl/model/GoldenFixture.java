package dev.wmdpjunit.djl.model;

import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.safetensors.SafetensorsFile;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One golden folder (config.json, model.safetensors, golden.json, golden.safetensors) with its model, loaded
 * on first use, and the model's outputs for each golden input laid out as the golden tensors are.
 */
final class GoldenFixture implements AutoCloseable {

    /** The prefix of golden tensors computed with the newer sliding-window rule. */
    static final String MODERN_WINDOW = "modern_window_semantics.";

    private final Path folder;
    private final ModelConfig config;
    private final JsonNode golden;
    private final NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    private final Map<String, NDArray> expected;
    private final Map<SlidingWindowRule, CausalLm> models = new EnumMap<>(SlidingWindowRule.class);
    private final Map<String, Map<String, NDArray>> outputs = new HashMap<>();

    GoldenFixture(Path folder) {
        this.folder = folder;
        this.config = ModelConfig.read(folder.resolve("config.json"));
        this.golden = Goldens.readJson(folder.resolve("golden.json"));
        this.expected = Goldens.readTensors(folder.resolve("golden.safetensors"), manager);
    }

    String name() {
        return folder.getFileName().toString();
    }

    ModelConfig config() {
        return config;
    }

    /** The input names of golden.json, in file order. */
    List<String> inputs() {
        List<String> names = new ArrayList<>();
        golden.get("inputs").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The golden tensor names of golden.json that belong to {@code input}, in file order. */
    List<String> tensorsOf(String input) {
        List<String> names = new ArrayList<>();
        golden.get("tensors").fieldNames().forEachRemaining(name -> {
            if (name.startsWith(input + ".")) {
                names.add(name);
            }
        });
        return names;
    }

    NDArray expected(String tensor) {
        NDArray array = expected.get(tensor);
        if (array == null) {
            throw new AssertionError(folder.resolve("golden.safetensors") + " lacks " + tensor
                    + ", which golden.json lists");
        }
        return array;
    }

    /** The ids of an input as golden.json lists them: [T] or [B, T]. */
    NDArray inputIds(String input) {
        return Goldens.longArray(golden.get("inputs").get(input).get("input_ids"), manager);
    }

    /** The attention mask of a batched input, or null if it has none. */
    NDArray attentionMask(String input) {
        JsonNode mask = golden.get("inputs").get(input).get("attention_mask");
        return mask == null ? null : Goldens.longArray(mask, manager);
    }

    CausalLm model(SlidingWindowRule rule) {
        return models.computeIfAbsent(rule, r -> {
            try (TensorSource weights = SafetensorsFile.open(folder.resolve("model.safetensors"))) {
                return CausalLm.load(config, weights, r);
            }
        });
    }

    /**
     * The model's output for a golden tensor name of the form {@code input.kind} or
     * {@code input.modern_window_semantics.kind}, shaped like the golden tensor.
     */
    NDArray actual(String input, String kind) {
        boolean modern = kind.startsWith(MODERN_WINDOW);
        String plainKind = modern ? kind.substring(MODERN_WINDOW.length()) : kind;
        Map<String, NDArray> all = outputs.computeIfAbsent((modern ? MODERN_WINDOW : "") + input,
                key -> computeOutputs(input, modern ? SlidingWindowRule.MODERN : SlidingWindowRule.TRANSFORMERS_4_40));
        NDArray array = all.get(plainKind);
        if (array == null) {
            throw new AssertionError("no model output for golden tensor kind '" + kind + "'");
        }
        return array;
    }

    /**
     * Which entries of a golden tensor are meaningful: for a padded input, positions whose token is real (and,
     * for next-token log-probs, whose target is real too); null when everything is.
     */
    NDArray validity(String input, String kind) {
        NDArray mask = attentionMask(input);
        if (mask == null) {
            return null;
        }
        long batch = mask.getShape().get(0);
        long seqLen = mask.getShape().get(1);
        String plainKind = kind.startsWith(MODERN_WINDOW) ? kind.substring(MODERN_WINDOW.length()) : kind;
        return switch (plainKind) {
            case "logits" -> mask.reshape(batch, seqLen, 1);
            case "hidden_states", "layer_outputs", "router_logits" -> mask.reshape(1, batch, seqLen, 1);
            case "next_token_logprobs" -> mask.get(":, 1:").mul(mask.get(":, :-1"));
            default -> throw new AssertionError("no validity rule for golden tensor kind '" + kind + "'");
        };
    }

    private Map<String, NDArray> computeOutputs(String input, SlidingWindowRule rule) {
        CausalLm model = model(rule);
        NDArray ids = inputIds(input);
        NDArray mask = attentionMask(input);
        boolean batched = ids.getShape().dimension() == 2;
        NDArray batchIds = batched ? ids : ids.expandDims(0);
        ForwardOptions options = ForwardOptions.LOGITS.withHiddenStates().withLayerOutputs();
        if (config.isMixtureOfExperts()) {
            options = options.withRouterLogits();
        }
        ForwardResult result = model.forward(batchIds, mask, options);
        Map<String, NDArray> byKind = new HashMap<>();
        byKind.put("logits", unbatch(result.logits(), batched, 0));
        byKind.put("next_token_logprobs", unbatch(LogProbs.nextToken(result.logits(), batchIds), batched, 0));
        byKind.put("hidden_states", unbatch(stack(result.hiddenStates()), batched, 1));
        byKind.put("layer_outputs", unbatch(stack(result.layerOutputs()), batched, 1));
        if (config.isMixtureOfExperts()) {
            byKind.put("router_logits", unbatch(stack(result.routerLogits()), batched, 1));
        }
        return byKind;
    }

    private static NDArray stack(List<NDArray> arrays) {
        return NDArrays.stack(new NDList(arrays), 0);
    }

    private static NDArray unbatch(NDArray array, boolean batched, int batchAxis) {
        return batched ? array : array.squeeze(batchAxis);
    }

    @Override
    public void close() {
        models.values().forEach(CausalLm::close);
        manager.close();
    }
}

package dev.wmdpjunit.djl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.checkpoint.CheckpointDirectory;
import dev.wmdpjunit.djl.checkpoint.TensorSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A decoder-only causal language model on DJL PyTorch (CPU, computing in float32) that computes what transformers 4.40.2
 * computes for the same checkpoint, with eager attention.
 *
 * <p>Inputs are token ids [B, T] (int64) and an optional attention mask [B, T] (1 = real token, 0 = padding,
 * on either side). As in 4.40.2, positions are 0..T-1 for every row whatever the padding: no position ids are
 * derived from the mask.
 *
 * <p>Memory: every call runs inside its own {@link NDScope}, and so does every decoder layer (and every query
 * chunk of a long attention), so a layer's intermediate arrays are freed as soon as the layer has produced its
 * output: a pass holds the weights, the residual stream and one layer's working set, not every layer's. The
 * returned arrays are attached to the NDManager of the input ids, and the caller frees them by closing that
 * manager (or the result). The weights live until {@link #close()}.
 *
 * <p>Training: {@link #parameters()} are the live weights in HF naming; make a subset trainable with
 * {@link ModelParameters#setTrainable} and run {@link #layerOutput} or {@link #forward} inside a DJL
 * {@code GradientCollector}. Gradients flow through the whole computation.
 */
public abstract class CausalLm implements AutoCloseable {

    private final ModelConfig config;
    private final NDManager manager;
    private final ModelParameters parameters;
    private final WeightDtype weightDtype;

    CausalLm(ModelConfig config, TensorSource weights, WeightDtype dtype, ParameterLayout layout) {
        this.config = config;
        this.weightDtype = dtype;
        this.manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            this.parameters = ModelParameters.load(weights, layout, manager,
                    config.architecture().modelType() + " model of " + config.source(), dtype);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Loads a model in float32 with the sliding-window rule of transformers 4.40.2. */
    public static CausalLm load(ModelConfig config, TensorSource weights) {
        return load(config, weights, SlidingWindowRule.TRANSFORMERS_4_40);
    }

    /** Loads a model in float32 (the only precision that trains), as {@link #load(ModelConfig, TensorSource,
     * SlidingWindowRule, WeightDtype)}. */
    public static CausalLm load(ModelConfig config, TensorSource weights, SlidingWindowRule windowRule) {
        return load(config, weights, windowRule, WeightDtype.FLOAT32);
    }

    /**
     * Loads the weights of {@code config}'s architecture from {@code weights}, checking that the checkpoint holds
     * exactly the expected tensors with the expected shapes.
     *
     * @param windowRule how a {@code sliding_window} is applied (mistral, mixtral, qwen2); ignored otherwise
     * @param dtype      the precision the weights are held in ({@link ModelParameters}); compute is float32
     */
    public static CausalLm load(ModelConfig config, TensorSource weights, SlidingWindowRule windowRule,
                                WeightDtype dtype) {
        return switch (config.architecture()) {
            case LLAMA, MISTRAL, QWEN2 -> new LlamaModel(config, weights, dtype, windowRule);
            case MIXTRAL -> new MixtralModel(config, weights, dtype, windowRule);
            case GPT_NEOX -> new GptNeoXModel(config, weights, dtype);
            case GPT2 -> new Gpt2Model(config, weights, dtype);
        };
    }

    /**
     * The precision to hold a checkpoint's weights in when the user chose none: its own (the type all its floating
     * tensors share, else float32). Compute is float32 whatever the weights are held in, so every precision is
     * computed correctly.
     */
    public static WeightDtype defaultDtype(TensorSource weights) {
        return ModelParameters.storedDtype(weights);
    }

    /**
     * Loads a Hugging Face model directory: {@code config.json} and the safetensors weights that
     * {@link CheckpointDirectory} finds, with the sliding-window rule of transformers 4.40.2. The files are closed
     * when this returns; the weights are copied into the model.
     */
    public static CausalLm load(Path directory) {
        ModelConfig config = ModelConfig.read(directory.resolve("config.json"));
        try (TensorSource weights = CheckpointDirectory.open(directory)) {
            return load(config, weights);
        }
    }

    public ModelConfig config() {
        return config;
    }

    /** The precision the weights are held in (the values are the checkpoint's rounded to it); see {@link ModelParameters}. */
    public WeightDtype weightDtype() {
        return weightDtype;
    }

    /** The live weights, keyed by HF name. */
    public ModelParameters parameters() {
        return parameters;
    }

    /**
     * Runs the model over a batch.
     *
     * @param inputIds      [B, T] int64 token ids
     * @param attentionMask [B, T] with 1 for real tokens and 0 for padding, or null when nothing is padded
     */
    public final ForwardResult forward(NDArray inputIds, NDArray attentionMask, ForwardOptions options) {
        if (options.routerLogits() && !config.isMixtureOfExperts()) {
            throw new IllegalArgumentException(config.architecture().modelType() + " has no router logits");
        }
        List<NDArray> hiddenStates = options.hiddenStates() ? new ArrayList<>() : null;
        List<NDArray> layerOutputs = options.layerOutputs() ? new ArrayList<>() : null;
        List<NDArray> routerLogits = options.routerLogits() ? new ArrayList<>() : null;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            TokenLayout tokens = grid(inputIds);
            checkInputs(inputIds, attentionMask, tokens);
            LayerInputs inputs = layerInputs(inputIds, attentionMask, tokens,
                    routerLogits == null ? ignored -> { } : logits -> {
                        NDScope.unregister(logits); // made inside a layer's scope; it must outlive the layer
                        routerLogits.add(logits);
                    });
            NDArray embedded = embed(inputIds, tokens);
            if (hiddenStates != null) {
                hiddenStates.add(embedded);
            }
            int lastLayer = config.numLayers() - 1;
            boolean keepOutputs = hiddenStates != null || layerOutputs != null;
            NDArray last = runLayers(embedded, inputs, lastLayer, keepOutputs, (layer, output) -> {
                if (layerOutputs != null) {
                    layerOutputs.add(output);
                }
                if (hiddenStates != null && layer < lastLayer) {
                    hiddenStates.add(output);
                }
            });
            NDArray normed = finalNorm(last);
            if (hiddenStates != null) {
                hiddenStates.add(normed);
            }
            ForwardResult result = new ForwardResult(lmHead(normed), hiddenStates, layerOutputs, routerLogits);
            result.arrays().forEach(array -> keep(array, inputIds.getManager()));
            return result;
        }
    }

    /** The logits [B, T, vocab] of a batch; see {@link #forward}. */
    public final NDArray logits(NDArray inputIds, NDArray attentionMask) {
        return forward(inputIds, attentionMask, ForwardOptions.LOGITS).logits();
    }

    /**
     * The logits of chosen positions only, [N, vocab]: row n is the logits row of flattened position
     * {@code positions[n]} = b * T + t of the batch, the same values {@link #logits} gives there. The final norm and
     * the lm head run on those rows alone, which saves most of the head's cost when few positions are scored.
     *
     * @param positions [N] int64 indices into the B * T positions of the batch
     */
    public final NDArray logitsAt(NDArray inputIds, NDArray attentionMask, NDArray positions) {
        return logitsAt(inputIds, attentionMask, grid(inputIds), positions);
    }

    /**
     * The logits of chosen tokens of several sequences fed in one pass without padding, [N, vocab]. {@code inputIds}
     * [T] holds the sequences back to back, with {@code lengths} summing to T; each sequence is computed as if fed
     * alone (positions from 0, attending to itself only), but the per-token work runs over all T tokens at once and
     * no padding is computed. Row n is the logits of token {@code positions[n]}; the values equal those of the same
     * token fed alone or in a padded batch up to float32 rounding (products of other shapes round differently).
     *
     * @param lengths   the sequence lengths, in the order of the sequences in {@code inputIds}
     * @param positions [N] int64 indices into the T tokens
     */
    public final NDArray packedLogitsAt(NDArray inputIds, long[] lengths, NDArray positions) {
        if (inputIds.getShape().dimension() != 1) {
            throw new IllegalArgumentException("packed input ids must be [tokens], got " + inputIds.getShape());
        }
        TokenLayout tokens = TokenLayout.packed(lengths);
        if (tokens.tokens() != inputIds.size()) {
            throw new IllegalArgumentException("sequence lengths " + Arrays.toString(lengths) + " sum to "
                    + tokens.tokens() + ", but " + inputIds.size() + " input ids were given");
        }
        return logitsAt(inputIds.reshape(1, tokens.tokens()), null, tokens, positions);
    }

    private NDArray logitsAt(NDArray inputIds, NDArray attentionMask, TokenLayout tokens, NDArray positions) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            checkInputs(inputIds, attentionMask, tokens);
            long batchPositions = inputIds.getShape().size();
            if (positions.getShape().dimension() != 1 || positions.getDataType() != DataType.INT64
                    || positions.size() == 0 || positions.min().getLong() < 0
                    || positions.max().getLong() >= batchPositions) {
                throw new IllegalArgumentException("positions must be a non-empty int64 vector of indices below "
                        + batchPositions + " (B * T), got " + positions.getShape() + " " + positions.getDataType());
            }
            LayerInputs inputs = layerInputs(inputIds, attentionMask, tokens, ignored -> { });
            NDArray last = runLayers(embed(inputIds, tokens), inputs, config.numLayers() - 1, false, (i, x) -> { });
            NDArray selected = last.reshape(batchPositions, last.getShape().get(2)).get(new NDIndex("{}", positions));
            return keep(lmHead(finalNorm(selected)), inputIds.getManager());
        }
    }

    /**
     * The raw output [B, T, hidden] of decoder layer {@code layer} (0-based), the residual stream that a forward
     * hook on {@code model.layers[layer]} sees (before the final norm). Only layers 0..layer are run.
     */
    public final NDArray layerOutput(NDArray inputIds, NDArray attentionMask, int layer) {
        if (layer < 0 || layer >= config.numLayers()) {
            throw new IllegalArgumentException("layer " + layer + " outside 0.." + (config.numLayers() - 1));
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            TokenLayout tokens = grid(inputIds);
            checkInputs(inputIds, attentionMask, tokens);
            LayerInputs inputs = layerInputs(inputIds, attentionMask, tokens, ignored -> { });
            NDArray output = runLayers(embed(inputIds, tokens), inputs, layer, false, (i, x) -> { });
            return keep(output, inputIds.getManager());
        }
    }

    /** Frees the weights. */
    @Override
    public void close() {
        manager.close();
    }

    /** The token embedding (plus learned positions where the architecture has them), [B, T, hidden]. */
    abstract NDArray embed(NDArray inputIds, TokenLayout tokens);

    /** Mask and position tables shared by all layers of one pass. */
    abstract LayerInputs layerInputs(NDArray inputIds, NDArray attentionMask, TokenLayout tokens,
                                     Consumer<NDArray> routerLogits);

    /** One decoder layer: its output residual stream from its input residual stream. */
    abstract NDArray decoderLayer(int layer, NDArray hidden, LayerInputs inputs);

    abstract NDArray finalNorm(NDArray hidden);

    /** The [vocab, hidden] output projection (the embedding itself when tied). */
    abstract NDArray lmHeadWeight();

    /** The longest sequence the architecture can represent (learned position tables). */
    int maxSequenceLength() {
        return Integer.MAX_VALUE;
    }

    NDArray param(String name) {
        return parameters.get(name);
    }

    /** {@code nn.Linear} module by HF name prefix: uses {@code name.weight} and {@code name.bias} if the model has one. */
    NDArray linear(NDArray x, String module) {
        return Blocks.linear(x, param(module + ".weight"), parameters.asMap().get(module + ".bias"));
    }

    private NDArray lmHead(NDArray normed) {
        return Blocks.linear(normed, lmHeadWeight(), null);
    }

    /** Called after each decoder layer with its index and output. */
    private interface LayerObserver {
        void accept(int layer, NDArray output);
    }

    /**
     * Runs layers 0..lastLayer on the residual stream {@code hidden}. Unless {@code keepOutputs} (the observer keeps
     * them), each layer's input is freed once the next layer has run: otherwise every layer's output would live
     * until the pass ends (measured: 17 MB per layer for 2,048 tokens of a 2048-wide model, 0.37 GB over 22 layers).
     * Autograd keeps its own references to what it saved, so freeing is safe while training too.
     */
    private NDArray runLayers(NDArray hidden, LayerInputs inputs, int lastLayer, boolean keepOutputs,
                              LayerObserver observer) {
        NDArray x = hidden;
        for (int layer = 0; layer <= lastLayer; layer++) {
            int current = layer;
            NDArray input = x;
            x = scoped(() -> decoderLayer(current, input, inputs));
            observer.accept(layer, x);
            if (!keepOutputs) {
                input.close();
            }
        }
        return x;
    }

    /**
     * Runs {@code work} in its own {@link NDScope}: every array it creates is freed when it returns, except its
     * result, which joins the caller's scope. Without this, DJL keeps each intermediate array (and libtorch its
     * memory) until the outermost scope closes, so one pass would hold every layer's activations at once. The result
     * must be an array {@code work} created. Autograd is unaffected: torch's graph keeps its own references to the
     * tensors it saved for the backward pass.
     */
    static NDArray scoped(Supplier<NDArray> work) {
        NDArray result;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            result = work.get();
            NDScope.unregister(result);
        }
        NDScope.register(result);
        return result;
    }

    /** The layout of [B, T] input ids, one sequence per row. */
    private static TokenLayout grid(NDArray inputIds) {
        Shape shape = inputIds.getShape();
        if (shape.dimension() != 2 || shape.get(0) == 0 || shape.get(1) == 0) {
            throw new IllegalArgumentException("input ids must be [batch, length] and non-empty, got " + shape);
        }
        return TokenLayout.grid(shape.get(1));
    }

    private void checkInputs(NDArray inputIds, NDArray attentionMask, TokenLayout tokens) {
        Shape shape = inputIds.getShape();
        if (inputIds.getDataType() != DataType.INT64) {
            throw new IllegalArgumentException("input ids must be int64, got " + inputIds.getDataType());
        }
        if (tokens.longest() > maxSequenceLength()) {
            throw new IllegalArgumentException("sequence length " + tokens.longest() + " exceeds the "
                    + maxSequenceLength() + " positions of " + config.source());
        }
        long min = inputIds.min().getLong();
        long max = inputIds.max().getLong();
        if (min < 0 || max >= config.vocabSize()) {
            throw new IllegalArgumentException("token id " + (min < 0 ? min : max) + " outside the vocabulary [0, "
                    + config.vocabSize() + ") of " + config.source());
        }
        if (attentionMask != null) {
            if (!attentionMask.getShape().equals(shape)) {
                throw new IllegalArgumentException("attention mask shape " + attentionMask.getShape()
                        + " differs from input ids shape " + shape);
            }
            if (!attentionMask.eq(0).logicalOr(attentionMask.eq(1)).all().getBoolean()) {
                throw new IllegalArgumentException("attention mask values must be 0 or 1");
            }
        }
    }

    /** Moves an array out of the current scope into the caller's manager. */
    private static NDArray keep(NDArray array, NDManager owner) {
        NDScope.unregister(array);
        array.attach(owner);
        return array;
    }
}

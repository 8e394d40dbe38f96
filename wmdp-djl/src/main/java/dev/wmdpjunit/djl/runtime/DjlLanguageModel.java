package dev.wmdpjunit.djl.runtime;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.wmdpjunit.core.model.HiddenStateModel;
import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.model.QuantizableModel;
import dev.wmdpjunit.core.model.WeightQuantization;
import dev.wmdpjunit.core.model.Tokenizer;
import dev.wmdpjunit.core.scoring.ForwardPlan;
import dev.wmdpjunit.core.scoring.ForwardPlan.LogProbRows;
import dev.wmdpjunit.core.scoring.ForwardPlan.Window;
import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.checkpoint.CheckpointDirectory;
import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.ForwardOptions;
import dev.wmdpjunit.djl.model.ForwardResult;
import dev.wmdpjunit.djl.model.ModelConfig;
import dev.wmdpjunit.djl.model.SlidingWindowRule;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A {@link CausalLm} on DJL PyTorch (CPU, float32) answering lm-eval loglikelihood requests.
 *
 * <p>Requests are planned with {@link ForwardPlan}: one forward pass per distinct fed window (a question whose
 * four continuations are single tokens costs one), windows longest first, {@link ModelOptions#batchSize()}
 * windows per batch. A batch is right-padded to its longest window with an attention mask; since the model is
 * causal, the padding cannot change the rows of real tokens. Only the scored rows go through the final norm,
 * the lm head and the log-softmax, and each batch runs in its own NDManager that is closed before the next one, so
 * scoring any number of requests holds no native memory beyond one batch.
 *
 * <p>Compute dtype: float32, the only one {@link CausalLm} runs (checkpoints in BF16/F16 are widened on load).
 * Threads: {@link ModelOptions#threads()} &gt; 0 calls libtorch's {@code at::set_num_threads}, which is global to the
 * process and takes effect for the following operations; 0 keeps the engine's setting ({@code
 * -Dai.djl.pytorch.num_threads} or {@code OMP_NUM_THREADS}, read once when the engine starts).
 *
 * <p>Not thread-safe: score from one thread at a time.
 */
public final class DjlLanguageModel implements LanguageModel, QuantizableModel, HiddenStateModel {

    /** Padded tokens of one forward pass at most (unless a single window is longer); see {@link #forward}. */
    static final int TOKENS_PER_FORWARD = 2048;

    private final CausalLm model;
    private final Tokenizer tokenizer;
    private final int maxLength;
    private final int windowsPerBatch;
    private final NDManager manager;
    /** The checkpoint folder it was opened from; null when built from a loaded model ({@link #of}). */
    private Path directory;
    private long forwardPasses;
    private long windowsForwarded;

    private DjlLanguageModel(CausalLm model, Tokenizer tokenizer, int maxLength, ModelOptions options) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive, was " + maxLength);
        }
        this.model = Objects.requireNonNull(model, "model");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.maxLength = maxLength;
        this.windowsPerBatch = options.batchSize();
        this.manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        if (options.threads() > 0) {
            JniUtils.setNumThreads(options.threads());
        }
    }

    /**
     * Opens a Hugging Face model directory: {@code config.json}, the safetensors weights, {@code tokenizer.json}
     * with its configuration files, and lm-eval's {@link ModelMaxLength} for it. The weights are held in
     * {@link ModelOptions#dtype()}, by default the checkpoint's own precision (a BF16 checkpoint stays 2 bytes per
     * weight); a model that cannot fit in the memory the process can get is refused before loading
     * ({@link MemoryCheck}).
     */
    public static DjlLanguageModel open(Path directory, ModelOptions options) {
        HfTokenizer tokenizer = HfTokenizer.load(directory);
        CausalLm model;
        try (TensorSource weights = CheckpointDirectory.open(directory)) {
            WeightDtype dtype = options.dtype().orElseGet(() -> CausalLm.defaultDtype(weights));
            MemoryCheck.ensureFits(directory, weights, dtype);
            model = CausalLm.load(ModelConfig.read(directory.resolve("config.json")), weights,
                    SlidingWindowRule.TRANSFORMERS_4_40, dtype);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        if (tokenizer.vocabularySize() > model.config().vocabSize()) {
            model.close();
            tokenizer.close();
            throw new IllegalArgumentException(directory + ": tokenizer.json has " + tokenizer.vocabularySize()
                    + " tokens but config.json's vocab_size is " + model.config().vocabSize());
        }
        DjlLanguageModel opened = new DjlLanguageModel(model, tokenizer, ModelMaxLength.of(directory), options);
        opened.directory = directory;
        return opened;
    }

    @Override
    public int hiddenLayers() {
        return model.config().numLayers();
    }

    /** One forward pass per sequence, each in its own NDManager; see {@link CausalLm#forward}. */
    @Override
    public float[][][] lastTokenHiddenStates(List<int[]> tokens, int[] indices) {
        for (int index : indices) {
            if (index < 0 || index > hiddenLayers()) {
                throw new IllegalArgumentException("hidden-state index " + index + " out of range 0.."
                        + hiddenLayers() + " (" + hiddenLayers() + " decoder layers)");
            }
        }
        float[][][] states = new float[tokens.size()][indices.length][];
        for (int s = 0; s < tokens.size(); s++) {
            int[] ids = tokens.get(s);
            long[] fed = Arrays.stream(ids, Math.max(0, ids.length - maxLength), ids.length).asLongStream()
                    .toArray();
            try (NDManager batch = manager.newSubManager();
                 ForwardResult result = model.forward(batch.create(fed).expandDims(0), null,
                         ForwardOptions.LOGITS.withHiddenStates())) {
                for (int i = 0; i < indices.length; i++) {
                    states[s][i] = result.hiddenStates().get(indices[i]).get(0, fed.length - 1).toFloatArray();
                }
            }
        }
        return states;
    }

    /** Writes a quantized copy of the checkpoint folder this model was opened from ({@link QuantizedCheckpoint}). */
    @Override
    public void writeQuantizedCopy(WeightQuantization quantization, Path target) throws IOException {
        if (directory == null) {
            throw new UnsupportedOperationException("this model was built in memory, not opened from a checkpoint"
                    + " folder, so there is no checkpoint to quantize");
        }
        QuantizedCheckpoint.write(directory, quantization, target);
    }

    /**
     * Wraps a loaded model and a tokenizer (for example a toy one in tests); {@link #close()} closes both (the
     * tokenizer if it is {@link AutoCloseable}).
     *
     * @param maxLength lm-eval's max_length for this model
     */
    public static DjlLanguageModel of(CausalLm model, Tokenizer tokenizer, int maxLength, ModelOptions options) {
        return new DjlLanguageModel(model, tokenizer, maxLength, options);
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    /** The model itself, for access to its weights (owned by this instance; do not close it separately). */
    public CausalLm causalLm() {
        return model;
    }

    @Override
    public List<Loglikelihood> loglikelihood(List<LoglikelihoodRequest> requests) {
        return ForwardPlan.of(requests, maxLength).score(windowsPerBatch, this::forward);
    }

    /** Batched forward calls made so far by {@link #loglikelihood}. */
    public long forwardPasses() {
        return forwardPasses;
    }

    /** Windows (sequences) fed so far by {@link #loglikelihood}, over all batches. */
    public long windowsForwarded() {
        return windowsForwarded;
    }

    /** Frees the model's weights, the tokenizer (if closeable) and this instance's native memory. */
    @Override
    public void close() {
        try {
            manager.close();
            model.close();
        } finally {
            if (tokenizer instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close the tokenizer", e);
                }
            }
        }
    }

    /**
     * Runs a planned batch, split into sub-batches of at most {@link #TOKENS_PER_FORWARD} padded tokens (but at least
     * one window): activations grow with the tokens of a forward pass, so this bounds the working set whatever the
     * batch size and the prompt lengths. Windows come longest first, so a sub-batch's first window sets its padded
     * length. Gradients are never recorded here, even if a caller left torch's grad mode on (a model being trained).
     */
    private List<LogProbRows> forward(List<Window> windows) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            List<LogProbRows> rows = new ArrayList<>(windows.size());
            int from = 0;
            while (from < windows.size()) {
                int length = windows.get(from).length();
                int to = from + Math.max(1, Math.min(windows.size() - from, TOKENS_PER_FORWARD / length));
                rows.addAll(forwardPadded(windows.subList(from, to)));
                from = to;
            }
            return rows;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private List<LogProbRows> forwardPadded(List<Window> windows) {
        PaddedBatch batch = new PaddedBatch(windows);
        float[] logProbs;
        try (NDManager scope = manager.newSubManager()) {
            NDArray ids = batch.inputIds(scope);
            NDArray mask = batch.unpadded() ? null : batch.attentionMask(scope);
            NDArray logits = model.logitsAt(ids, mask, batch.scoredPositions(scope));
            logProbs = logits.logSoftmax(1).toFloatArray();
        }
        forwardPasses++;
        windowsForwarded += windows.size();
        int vocabSize = model.config().vocabSize();
        List<LogProbRows> rows = new ArrayList<>(windows.size());
        for (int w = 0; w < windows.size(); w++) {
            Window window = windows.get(w);
            int first = window.firstScoredPosition();
            rows.add(new ScoredRows(logProbs, vocabSize, batch.row(w, first), first, window.length() - 1));
        }
        return rows;
    }
}

package dev.wmdpjunit.rmu;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.io.AtomicFiles;
import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.results.FrameworkVersion;
import dev.wmdpjunit.core.results.RmuRun;
import dev.wmdpjunit.core.results.RmuRunJson;
import dev.wmdpjunit.djl.checkpoint.CheckpointDirectory;
import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.ModelConfig;
import dev.wmdpjunit.djl.safetensors.SafetensorsDtype;
import dev.wmdpjunit.djl.safetensors.SafetensorsWriter;
import dev.wmdpjunit.djl.safetensors.ShardedSafetensors;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Unlearned checkpoints on demand: trains RMU once per distinct input and reuses the result afterwards.
 *
 * <p>Layout under the cache root:
 * <pre>
 * &lt;key&gt;/                 finished entries only: model.safetensors, config.json, tokenizer files, rmu.json
 * .work/&lt;key&gt;/checkpoints/ periodic training state of a run in progress (or of a killed one)
 * .work/&lt;key&gt;/model/       the entry being written, moved to &lt;key&gt;/ in one rename when complete
 * </pre>
 * The key is the SHA-256 of the base model's files (weights, config, tokenizer), the corpora's bytes and formats,
 * every hyperparameter and the framework version; changing any of them trains a new entry. A run that dies resumes
 * from its last checkpoint on the next call. The base model directory is only read.
 *
 * <p>An entry's {@code rmu.json} records the size and SHA-256 of every other file of the entry when it is
 * published; a reused entry is checked against them first, and one that no longer matches (zeroed, truncated or
 * edited weights) is refused with a {@link CacheEntryException} naming the entry to delete, never silently used.
 */
public final class UnlearnedModelCache {

    static final String REPORT_FILE = RmuRunJson.FILE_NAME;
    /** Part of the key: entries of format 1 recorded no file hashes, so they are never reused. */
    private static final String CACHE_FORMAT = "wmdp-junit rmu-fixture cache 2";
    /** Files besides the weights that make a Hugging Face directory loadable; copied when present. */
    private static final List<String> COMPANION_FILES = List.of("config.json", "generation_config.json",
            "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "tokenizer.model",
            "added_tokens.json", "vocab.json", "merges.txt");
    private static final System.Logger LOG = System.getLogger("dev.wmdpjunit.rmu");

    private final Path root;
    private final int checkpointEvery;
    private final CollapseGuard collapseGuard;

    /**
     * @param checkpointEvery steps between checkpoints (0 for none)
     * @param collapseGuard   how the retain perplexity is checked after training
     */
    public UnlearnedModelCache(Path root, int checkpointEvery, CollapseGuard collapseGuard) {
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpointEvery must be >= 0, got " + checkpointEvery);
        }
        this.root = root;
        this.checkpointEvery = checkpointEvery;
        this.collapseGuard = collapseGuard;
    }

    /** Checkpoints every 25 steps, default collapse guard. */
    public UnlearnedModelCache(Path root) {
        this(root, 25, CollapseGuard.defaults());
    }

    /** The entry of this request: reused if present, else trained now (progress to the listener and the log). */
    public UnlearnedModel get(UnlearningRequest request, TrainingListener listener) throws IOException {
        Map<String, Object> inputs = inputs(request);
        String key = keyOf(inputs);
        Path entry = root.resolve(key);
        Path work = root.resolve(".work").resolve(key);
        if (Files.isRegularFile(entry.resolve(REPORT_FILE))) {
            LOG.log(Level.INFO, "RMU: reusing " + entry);
            UnlearnedModel reused = readEntry(entry, key);
            removeWork(work); // left by a run killed after publishing, or one that lost the race to publish
            return reused;
        }
        Path staged = work.resolve("model");
        RmuTraining.deleteTree(staged);
        UnlearnedModel trained = train(request, inputs, key, work.resolve("checkpoints"), staged, listener);
        try {
            AtomicFiles.moveIntoPlace(staged, entry);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            LOG.log(Level.INFO, "RMU: another run finished " + entry + " first; using it");
        }
        removeWork(work);
        return new UnlearnedModel(entry, key, true, trained.losses(), trained.collapse());
    }

    /** Deletes a published entry's training state; the entry is usable whether or not that succeeds. */
    private static void removeWork(Path work) {
        try {
            RmuTraining.deleteTree(work);
        } catch (UncheckedIOException e) {
            LOG.log(Level.WARNING, "RMU: cannot delete " + work + " (" + e.getCause() + "); delete it by hand");
        }
    }

    /** The cache key of a request: hashes every input, so it reads the base model and corpora in full. */
    public String key(UnlearningRequest request) {
        return keyOf(inputs(request));
    }

    /** Everything the trained weights depend on, as canonical JSON-ready data. */
    private static Map<String, Object> inputs(UnlearningRequest request) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("format", CACHE_FORMAT);
        inputs.put("framework_version", FrameworkVersion.current());
        inputs.put("base_model", baseModelHashes(request.baseModel()));
        inputs.put("forget_corpora", corpusHashes(request.forgetCorpora()));
        inputs.put("retain_corpora", corpusHashes(request.retainCorpora()));
        inputs.put("hyperparameters", request.hyperparameters().describe());
        return inputs;
    }

    private static String keyOf(Map<String, Object> inputs) {
        try {
            return Sha256.ofBytes(new ObjectMapper().writeValueAsBytes(inputs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UnlearnedModel train(UnlearningRequest request, Map<String, Object> inputs, String key, Path checkpoints,
                                 Path staged, TrainingListener listener) throws IOException {
        Path base = request.baseModel();
        RmuHyperparameters hyperparameters = request.hyperparameters();
        List<List<String>> forget = request.forgetCorpora().stream()
                .map(c -> CorpusReader.read(c, hyperparameters.minLength())).toList();
        List<List<String>> retain = request.retainCorpora().stream()
                .map(c -> CorpusReader.read(c, hyperparameters.minLength())).toList();
        ModelConfig config = ModelConfig.read(base.resolve("config.json"));
        try (HfTokenizer tokenizer = HfTokenizer.load(base);
             CausalLm updated = loadModel(config, base);
             CausalLm frozen = loadModel(config, base)) {
            RmuSchedule schedule = new RmuSchedule(hyperparameters, new BatchEncoder(tokenizer), forget, retain);
            List<StepLosses> losses = RmuTraining.run(updated, frozen, hyperparameters, schedule, checkpoints,
                    checkpointEvery, new BothListeners(new LoggingTrainingListener(), listener));
            List<TokenBatch> sample = schedule.retainSample(collapseGuard.batches());
            CollapseCheck collapse = new CollapseCheck(CollapseGuard.perplexity(frozen, sample),
                    CollapseGuard.perplexity(updated, sample), collapseGuard.maxRatio());
            LOG.log(collapse.collapsed() ? Level.WARNING : Level.INFO, "RMU: " + collapse.describe());
            if (collapse.collapsed() && collapseGuard.failOnCollapse()) {
                throw new ModelCollapseException(collapse);
            }
            Files.createDirectories(staged);
            SafetensorsWriter writer = new SafetensorsWriter(SafetensorsDtype.F32);
            updated.parameters().asMap().forEach(writer::add);
            writer.write(staged.resolve(CheckpointDirectory.SINGLE_FILE));
            for (String file : COMPANION_FILES) {
                if (Files.isRegularFile(base.resolve(file))) {
                    Files.copy(base.resolve(file), staged.resolve(file));
                }
            }
            writeReport(staged, request, inputs, key, losses, collapse, EntryFiles.of(staged));
            return new UnlearnedModel(staged, key, true, losses, collapse);
        }
    }

    private static CausalLm loadModel(ModelConfig config, Path base) {
        try (TensorSource weights = CheckpointDirectory.open(base)) {
            return CausalLm.load(config, weights);
        }
    }

    private static void writeReport(Path staged, UnlearningRequest request, Map<String, Object> inputs, String key,
                                    List<StepLosses> losses, CollapseCheck collapse,
                                    Map<String, RmuRun.FileRecord> files) throws IOException {
        RmuRunJson.write(staged, new RmuRun(key, inputs, request.baseModel().toAbsolutePath().toString(),
                request.forgetCorpora().stream().map(c -> c.file().toAbsolutePath().toString()).toList(),
                request.retainCorpora().stream().map(c -> c.file().toAbsolutePath().toString()).toList(),
                losses.stream().map(l -> new RmuRun.Step(l.forget(), l.retain(), l.total())).toList(),
                Optional.of(new RmuRun.CollapseCheck(collapse.perplexityBefore(), collapse.perplexityAfter(),
                        collapse.maxRatio(), collapse.collapsed())), files));
    }

    private static UnlearnedModel readEntry(Path entry, String key) {
        RmuRun run;
        try {
            run = RmuRunJson.read(RmuRunJson.file(entry));
        } catch (IOException e) {
            throw new CacheEntryException(entry, REPORT_FILE + " cannot be read (" + e.getMessage() + ")", e);
        }
        EntryFiles.verify(entry, run.files());
        RmuRun.CollapseCheck check = run.collapse().orElseThrow(() -> new CacheEntryException(entry, REPORT_FILE
                + " records no collapse check"));
        return new UnlearnedModel(entry, key, false, run.losses().stream()
                .map(l -> new StepLosses(l.forget(), l.retain(), l.total())).toList(),
                new CollapseCheck(check.perplexityBefore(), check.perplexityAfter(), check.maxRatio()));
    }

    /**
     * SHA-256 of the base model's weight files, config and tokenizer files, by file name. Deliberately not
     * {@link dev.wmdpjunit.core.model.ModelIdentity#fingerprint}: this is a cache key of what training reads, so
     * it names only those files (a README or a stray file added to the folder must not force a retrain) and must
     * stay stable across releases (changing it would orphan every cached model); the fingerprint pins every byte
     * of the folder for results and baselines.
     */
    private static Map<String, String> baseModelHashes(Path base) {
        TreeSet<String> files = new TreeSet<>();
        if (Files.isRegularFile(base.resolve(CheckpointDirectory.SINGLE_FILE))) {
            files.add(CheckpointDirectory.SINGLE_FILE);
        } else if (Files.isRegularFile(base.resolve(CheckpointDirectory.SHARD_INDEX))) {
            files.add(CheckpointDirectory.SHARD_INDEX);
            // Validated as the loader validates them before any is read: a weight_map may name any path.
            ShardedSafetensors.listedShards(base.resolve(CheckpointDirectory.SHARD_INDEX))
                    .forEach(shard -> files.add(shard.getFileName().toString()));
        } else {
            CheckpointDirectory.open(base).close(); // throws, explaining what is missing
        }
        COMPANION_FILES.stream().filter(f -> Files.isRegularFile(base.resolve(f))).forEach(files::add);
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String file : files) {
            hashes.put(file, Sha256.ofFile(base.resolve(file)));
        }
        return hashes;
    }

    /** Format and content hash of each corpus (the key ignores where a file lives; the report names it). */
    private static List<Map<String, String>> corpusHashes(List<CorpusSource> corpora) {
        List<Map<String, String>> hashes = new ArrayList<>();
        for (CorpusSource corpus : corpora) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("format", corpus.format().name());
            entry.put("sha256", Sha256.ofFile(corpus.file()));
            hashes.add(entry);
        }
        return hashes;
    }

    /** Forwards every event to two listeners. */
    private record BothListeners(TrainingListener first, TrainingListener second) implements TrainingListener {
        @Override
        public void started(int totalSteps, int resumedSteps) {
            first.started(totalSteps, resumedSteps);
            second.started(totalSteps, resumedSteps);
        }

        @Override
        public void stepFinished(StepProgress progress) {
            first.stepFinished(progress);
            second.stepFinished(progress);
        }

        @Override
        public void checkpointed(int step) {
            first.checkpointed(step);
            second.checkpointed(step);
        }
    }
}

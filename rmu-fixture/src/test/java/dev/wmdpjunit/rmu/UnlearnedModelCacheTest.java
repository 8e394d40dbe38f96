package dev.wmdpjunit.rmu;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.testing.CapturedLog;
import dev.wmdpjunit.core.testing.SharedFolder;
import dev.wmdpjunit.djl.checkpoint.CheckpointDirectory;
import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.ModelConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** End to end on the stories260K checkpoint (llama, 5 layers) with small invented corpora. */
class UnlearnedModelCacheTest {

    private static final Path BASE = SharedFolder.root().resolve("models/stories260K");
    private static final int STEPS = 6;

    @TempDir
    Path dir;
    /** The collapse and unreadable-checkpoint tests provoke warnings: asserted here, not printed. */
    @RegisterExtension
    final CapturedLog log = new CapturedLog("dev.wmdpjunit.rmu");

    private UnlearningRequest request;

    UnlearningRequest request() {
        return request;
    }

    @BeforeEach
    void corpora() throws IOException {
        Path forgetA = Files.writeString(dir.resolve("forget-a.jsonl"), lines(i ->
                "{\"text\": \"The glass birds of Vellmar sing " + i + " songs at dawn, said the keeper.\"}"));
        Path forgetB = Files.writeString(dir.resolve("forget-b.txt"), lines(i ->
                "Zorbian copper clocks run backwards on day " + i + " of the festival."));
        Path retain = Files.writeString(dir.resolve("retain.txt"), lines(i ->
                "Once upon a time there was a little cat named Tom " + i + ". He liked to play in the sun."));
        RmuHyperparameters hyperparameters = RmuHyperparameters.builder()
                .layerId(2).layerIds(List.of(1, 2))
                .topics(List.of(6.5, 8.0), List.of(100.0, 50.0))
                .lr(1e-3).batchSize(2).maxNumBatches(STEPS)
                .build();
        request = new UnlearningRequest(BASE, List.of(CorpusSource.of(forgetA), CorpusSource.of(forgetB)),
                List.of(CorpusSource.of(retain), CorpusSource.of(retain)), hyperparameters);
    }

    @Test
    void trainsOnceThenReusesTheEntry() throws IOException {
        String baseBefore = Sha256.ofFile(BASE.resolve("model.safetensors"));
        UnlearnedModelCache cache = new UnlearnedModelCache(dir.resolve("cache"), 2, CollapseGuard.defaults());
        Recorder first = new Recorder();
        UnlearnedModel trained = cache.get(request, first);

        assertThat(trained.trainedNow()).isTrue();
        assertThat(trained.directory()).isEqualTo(dir.resolve("cache").resolve(trained.key()));
        assertThat(first.steps).hasSize(STEPS);
        assertThat(first.steps.stream().map(StepProgress::topic).toList()).containsExactly(0, 1, 0, 1, 0, 1);
        assertThat(first.steps.get(STEPS - 1).remaining()).isZero();
        assertThat(first.steps.get(0).stepsPerSecond()).isPositive();
        assertThat(first.checkpoints).containsExactly(2, 4);
        assertThat(trained.losses()).hasSize(STEPS);
        assertThat(trained.losses().get(0).retain()).isZero(); // updated == frozen before the first update
        assertThat(trained.losses().get(2).forget()).isLessThan(trained.losses().get(0).forget());
        assertThat(Stream.of("model.safetensors", "config.json", "generation_config.json", "tokenizer.json",
                "tokenizer_config.json", "special_tokens_map.json", "rmu.json"))
                .allMatch(f -> Files.isRegularFile(trained.directory().resolve(f)));
        assertThat(dir.resolve("cache/.work").resolve(trained.key())).doesNotExist();

        Recorder second = new Recorder();
        UnlearnedModel reused = cache.get(request, second);
        assertThat(reused.trainedNow()).isFalse();
        assertThat(reused.directory()).isEqualTo(trained.directory());
        assertThat(reused.losses()).isEqualTo(trained.losses());
        assertThat(reused.collapse()).isEqualTo(trained.collapse());
        assertThat(second.steps).isEmpty();
        assertThat(Sha256.ofFile(BASE.resolve("model.safetensors"))).isEqualTo(baseBefore);
    }

    /** Zeroed, truncated or missing files of a cached entry are never reused; the message names the entry. */
    @Test
    void aReusedEntryIsCheckedAgainstTheSizesAndHashesRecordedAtPublish() throws IOException {
        UnlearnedModelCache cache = new UnlearnedModelCache(dir.resolve("cache"), 2, CollapseGuard.defaults());
        UnlearnedModel trained = cache.get(request, TrainingListener.NONE);
        Path entry = trained.directory();
        Path weights = entry.resolve("model.safetensors");
        byte[] original = Files.readAllBytes(weights);
        String sha256 = Sha256.ofFile(weights);
        JsonNode recorded = new ObjectMapper().readTree(entry.resolve("rmu.json").toFile()).path("files");
        assertThat(recorded.fieldNames()).toIterable().containsExactly("config.json", "generation_config.json",
                "model.safetensors", "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json");
        assertThat(recorded.path("model.safetensors").path("size").asLong()).isEqualTo(original.length);
        assertThat(recorded.path("model.safetensors").path("sha256").asText()).isEqualTo(sha256);

        Path work = Files.createDirectories(dir.resolve("cache/.work").resolve(trained.key()).resolve("checkpoints"));
        assertThat(cache.get(request, TrainingListener.NONE).trainedNow()).isFalse();
        assertThat(work.getParent()).as("training state of a published entry").doesNotExist();

        byte[] zeroed = original.clone();
        Arrays.fill(zeroed, original.length - 4096, original.length, (byte) 0);
        Files.write(weights, zeroed);
        assertThatThrownBy(() -> cache.get(request, TrainingListener.NONE))
                .isInstanceOf(CacheEntryException.class)
                .hasMessage(entry + ": cached unlearned model is damaged: model.safetensors has SHA-256 "
                        + Sha256.ofFile(weights) + ", rmu.json recorded " + sha256 + "; delete " + entry
                        + " and run again to train it anew");

        Files.write(weights, Arrays.copyOf(original, original.length / 2));
        assertThatThrownBy(() -> cache.get(request, TrainingListener.NONE))
                .isInstanceOf(CacheEntryException.class)
                .hasMessageContaining(": model.safetensors has " + original.length / 2 + " bytes, rmu.json recorded "
                        + original.length + "; delete " + entry);

        Files.write(weights, original);
        Files.delete(entry.resolve("tokenizer.json"));
        assertThatThrownBy(() -> cache.get(request, TrainingListener.NONE))
                .isInstanceOf(CacheEntryException.class)
                .hasMessageContaining(": tokenizer.json is missing; delete " + entry);

        Files.writeString(entry.resolve("rmu.json"), "{ truncated");
        assertThatThrownBy(() -> cache.get(request, TrainingListener.NONE))
                .isInstanceOf(CacheEntryException.class)
                .hasMessageStartingWith(entry + ": cached unlearned model is damaged: rmu.json cannot be read");
    }

    @Test
    void theEntryIsALoadableCheckpointWhereOnlyTheSelectedParametersChanged() throws IOException {
        UnlearnedModel trained = new UnlearnedModelCache(dir.resolve("cache")).get(request, TrainingListener.NONE);
        List<String> changed = new ArrayList<>();
        try (CausalLm base = load(BASE); CausalLm unlearned = load(trained.directory())) {
            for (String name : base.parameters().names()) {
                NDArray before = base.parameters().get(name);
                if (!before.contentEquals(unlearned.parameters().get(name))) {
                    changed.add(name);
                }
            }
        }
        assertThat(changed).containsExactly("model.layers.1.mlp.down_proj.weight", "model.layers.2.mlp.down_proj.weight");
        assertThat(trained.collapse().perplexityBefore()).isGreaterThan(1);
        assertThat(Files.readString(trained.directory().resolve("rmu.json"))).contains(trained.key())
                .contains("\"collapse_check\"").contains("forget-a.jsonl");
    }

    @Test
    void anyChangedInputGivesANewKey() throws IOException {
        UnlearnedModelCache cache = new UnlearnedModelCache(dir.resolve("cache"));
        String key = cache.key(request);
        assertThat(cache.key(request)).isEqualTo(key);

        RmuHyperparameters otherAlpha = request.hyperparameters().toBuilder()
                .topics(List.of(6.5, 8.0), List.of(100.0, 51.0)).build();
        assertThat(cache.key(new UnlearningRequest(BASE, request.forgetCorpora(), request.retainCorpora(), otherAlpha)))
                .isNotEqualTo(key);
        RmuHyperparameters torchAdam = request.hyperparameters().toBuilder().optimizer(AdamWSettings.torch(1e-3)).build();
        assertThat(cache.key(new UnlearningRequest(BASE, request.forgetCorpora(), request.retainCorpora(), torchAdam)))
                .isNotEqualTo(key);

        UnlearnedModel before = cache.get(request, TrainingListener.NONE);
        Path forgetA = request.forgetCorpora().get(0).file();
        Files.writeString(forgetA, Files.readString(forgetA).replace("dawn", "dusk"));
        Recorder recorder = new Recorder();
        UnlearnedModel after = cache.get(request, recorder);
        assertThat(after.key()).isNotEqualTo(before.key());
        assertThat(after.trainedNow()).isTrue();
        assertThat(recorder.steps).hasSize(STEPS);
        assertThat(after.losses().get(0).forget()).isNotEqualTo(before.losses().get(0).forget());
    }

    @Test
    void aKilledRunResumesFromItsLastCheckpointAndEndsWithTheSameWeights() throws IOException {
        UnlearnedModel uninterrupted = new UnlearnedModelCache(dir.resolve("straight"), 2, CollapseGuard.defaults())
                .get(request, TrainingListener.NONE);

        UnlearnedModelCache cache = new UnlearnedModelCache(dir.resolve("crashing"), 2, CollapseGuard.defaults());
        TrainingListener crashAtStep5 = progress -> {
            if (progress.step() == 5) {
                throw new IllegalStateException("simulated crash");
            }
        };
        assertThatThrownBy(() -> cache.get(request, crashAtStep5)).hasMessage("simulated crash");
        String key = cache.key(request);
        assertThat(dir.resolve("crashing").resolve(key)).doesNotExist();
        assertThat(dir.resolve("crashing/.work").resolve(key).resolve("checkpoints/checkpoint.json")).isRegularFile();

        Recorder resumed = new Recorder();
        UnlearnedModel finished = cache.get(request, resumed);
        assertThat(resumed.resumedSteps).isEqualTo(4);
        assertThat(resumed.steps).extracting(StepProgress::step).containsExactly(5, 6);
        assertThat(finished.losses()).isEqualTo(uninterrupted.losses());
        assertThat(Files.readAllBytes(finished.directory().resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(uninterrupted.directory().resolve("model.safetensors")));
    }

    @Test
    void anUnreadableCheckpointIsDiscardedAndTheRunStartsCleanly() throws IOException {
        UnlearnedModel reference = new UnlearnedModelCache(dir.resolve("reference")).get(request, TrainingListener.NONE);
        UnlearnedModelCache cache = new UnlearnedModelCache(dir.resolve("cache"), 2, CollapseGuard.defaults());
        Path checkpoints = dir.resolve("cache/.work").resolve(cache.key(request)).resolve("checkpoints");
        Files.createDirectories(checkpoints);
        Files.writeString(checkpoints.resolve("checkpoint.json"), "{\"step\": 4, \"tensors\": \"step-4.safetensors\"}");

        Recorder recorder = new Recorder();
        UnlearnedModel result = cache.get(request, recorder);
        assertThat(recorder.resumedSteps).isZero();
        assertThat(recorder.steps).hasSize(STEPS);
        assertThat(log.warnings()).singleElement().asString().contains("is unreadable, starting over");
        assertThat(Files.readAllBytes(result.directory().resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(reference.directory().resolve("model.safetensors")));
    }

    @Test
    void aCollapsedModelIsReportedAndWithFailOnCollapseNotCached() throws IOException {
        RmuHyperparameters destructive = request.hyperparameters().toBuilder()
                .trainable(ParameterSelection.byNamePattern("model\\.layers\\.[0-4]\\..*"))
                .topics(List.of(300.0, 300.0), List.of(0.0, 0.0)).lr(0.05).build();
        UnlearningRequest collapsing = new UnlearningRequest(BASE, request.forgetCorpora(), request.retainCorpora(),
                destructive);

        UnlearnedModel reported = new UnlearnedModelCache(dir.resolve("report"), 0, new CollapseGuard(2, 2.0, false))
                .get(collapsing, TrainingListener.NONE);
        assertThat(reported.collapse().collapsed()).isTrue();
        assertThat(reported.collapse().describe()).contains("MODEL COLLAPSE");
        assertThat(log.warnings()).singleElement().asString().contains("MODEL COLLAPSE");

        UnlearnedModelCache strict = new UnlearnedModelCache(dir.resolve("strict"), 0, new CollapseGuard(2, 2.0, true));
        assertThatThrownBy(() -> strict.get(collapsing, TrainingListener.NONE))
                .isInstanceOf(ModelCollapseException.class).hasMessageContaining("retain perplexity");
        assertThat(dir.resolve("strict").resolve(strict.key(collapsing))).doesNotExist();

        assertThat(new UnlearnedModelCache(dir.resolve("cache")).get(request, TrainingListener.NONE).collapse()
                .collapsed()).isFalse();
    }

    private static CausalLm load(Path folder) {
        try (TensorSource weights = CheckpointDirectory.open(folder)) {
            return CausalLm.load(ModelConfig.read(folder.resolve("config.json")), weights);
        }
    }

    private static String lines(java.util.function.IntFunction<String> line) {
        return IntStream.range(0, 12).mapToObj(line).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Records what a run reports. */
    private static final class Recorder implements TrainingListener {
        final List<StepProgress> steps = new ArrayList<>();
        final List<Integer> checkpoints = new ArrayList<>();
        int resumedSteps = -1;

        @Override
        public void started(int totalSteps, int resumed) {
            resumedSteps = resumed;
        }

        @Override
        public void stepFinished(StepProgress progress) {
            steps.add(progress);
        }

        @Override
        public void checkpointed(int step) {
            checkpoints.add(step);
        }
    }
}

package dev.wmdpjunit.rmu;

import dev.wmdpjunit.core.testing.FolderHashes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.wmdpjunit.core.model.Relearner;
import dev.wmdpjunit.core.model.RelearningSettings;
import dev.wmdpjunit.core.testing.SharedFolder;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.LogProbs;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relearning probe's fine-tuning on the real stories260K model. */
class DjlRelearnerTest {

    private static final Path MODEL = SharedFolder.root().resolve("models/stories260K");
    private static final String STORY = "Once upon a time, there was a little dog named Blip. Blip liked to run"
            + " in the park with his red ball.";
    private static final RelearningSettings SETTINGS = new RelearningSettings(3e-3, 2, 64, ".*");

    @TempDir
    Path temp;


    /** The mean next-token log-probability of the story under the checkpoint. */
    private static double storyLogProb(Path checkpoint) {
        try (HfTokenizer tokenizer = HfTokenizer.load(checkpoint); CausalLm model = CausalLm.load(checkpoint);
             NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            long[] ids = Arrays.stream(tokenizer.encode(STORY, true)).asLongStream().toArray();
            var ndIds = manager.create(ids).expandDims(0);
            return LogProbs.nextToken(model.logits(ndIds, null), ndIds).mean().getFloat();
        }
    }

    @Test
    void relearningWritesTheRequestedStepsLearnsTheCorpusAndLeavesTheModelAlone() throws IOException {
        Path corpus = Files.writeString(temp.resolve("corpus.txt"), STORY + "\n" + STORY + "\n");
        Map<String, String> before = FolderHashes.of(MODEL);
        Relearner relearner = Relearner.installed().stream().filter(r -> r.supports(MODEL)).findFirst()
                .orElseThrow();
        assertThat(relearner).isInstanceOf(DjlRelearner.class);
        assertThat(relearner.documents(corpus)).containsExactly(STORY, STORY);

        relearner.relearn(MODEL, corpus, SETTINGS, new TreeMap<>(Map.of(2, temp.resolve("step-2"), 6,
                temp.resolve("step-6"))));
        relearner.relearn(MODEL, corpus, SETTINGS, new TreeMap<>(Map.of(6, temp.resolve("again-6"))));

        assertThat(FolderHashes.of(MODEL)).isEqualTo(before);
        double original = storyLogProb(MODEL);
        double two = storyLogProb(temp.resolve("step-2"));
        double six = storyLogProb(temp.resolve("step-6"));
        assertThat(two).isGreaterThan(original);
        assertThat(six).isGreaterThan(two);
        assertThat(FolderHashes.of(temp.resolve("again-6")).get("model.safetensors")).as("deterministic")
                .isEqualTo(FolderHashes.of(temp.resolve("step-6")).get("model.safetensors"));
        assertThat(relearner.supports(temp)).isFalse();
        assertThatThrownBy(() -> relearner.relearn(MODEL, corpus, new RelearningSettings(1e-3, 1, 16, "nothing"),
                new TreeMap<>(Map.of(1, temp.resolve("x"))))).hasMessageContaining("no parameter matches");
        assertThat(List.of(temp.resolve("x"))).allSatisfy(p -> assertThat(p).doesNotExist());
    }
}

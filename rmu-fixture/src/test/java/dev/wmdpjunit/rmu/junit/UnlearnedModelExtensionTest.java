package dev.wmdpjunit.rmu.junit;

import dev.wmdpjunit.core.hub.HubCache;
import dev.wmdpjunit.core.hub.HubId;
import dev.wmdpjunit.core.hub.RepoType;
import dev.wmdpjunit.rmu.ParameterSelection;
import dev.wmdpjunit.rmu.RmuPreset;
import dev.wmdpjunit.rmu.UnlearnedModel;
import dev.wmdpjunit.rmu.UnlearningRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(UnlearnedModelExtension.class)
class UnlearnedModelExtensionTest {

    @TempDir
    static Path cache;

    @BeforeAll
    static void useATemporaryCache() {
        System.setProperty(UnlearnedModelExtension.CACHE_PROPERTY, cache.toString());
    }

    @AfterAll
    static void restore() {
        System.clearProperty(UnlearnedModelExtension.CACHE_PROPERTY);
    }

    @Test
    void resolvesTheSameCachedCheckpointAsPathAndAsUnlearnedModel(
            @Unlearned(model = "${wmdp.shared.dir}/models/stories260K",
                    forget = "src/test/resources/rmu-corpora/forget.jsonl",
                    retain = "src/test/resources/rmu-corpora/retain.txt",
                    steeringCoeffs = 6.5, alphas = 100, layerId = 2, layerIds = {1, 2}, lr = 1e-3,
                    maxNumBatches = 3, batchSize = 2) Path checkpoint,
            @Unlearned(model = "${wmdp.shared.dir}/models/stories260K",
                    forget = "src/test/resources/rmu-corpora/forget.jsonl",
                    retain = "src/test/resources/rmu-corpora/retain.txt",
                    steeringCoeffs = 6.5, alphas = 100, layerId = 2, layerIds = {1, 2}, lr = 1e-3,
                    maxNumBatches = 3, batchSize = 2) UnlearnedModel model) {
        assertThat(checkpoint).isEqualTo(model.directory());
        assertThat(checkpoint.getParent()).isEqualTo(cache);
        assertThat(model.trainedNow()).isFalse(); // the first parameter trained it
        assertThat(model.losses()).hasSize(3);
        assertThat(checkpoint.resolve("model.safetensors")).isRegularFile();
        assertThat(checkpoint.resolve("tokenizer.json")).isRegularFile();
    }

    @Test
    void unsetValuesKeepThePresetAndPropertiesExpand() throws Exception {
        Unlearned annotation = getClass().getDeclaredMethod("annotated", Path.class).getParameters()[0]
                .getAnnotation(Unlearned.class);
        UnlearningRequest request = UnlearnedDeclaration.fromSystemProperties().request(annotation);
        assertThat(request.baseModel()).isEqualTo(Path.of(System.getProperty("wmdp.shared.dir"), "models/x"));
        assertThat(request.hyperparameters()).isEqualTo(RmuPreset.MIXTRAL_8X7B.hyperparameters().toBuilder()
                .maxNumBatches(5).build());
        assertThat(request.forgetCorpora()).hasSize(2);
        assertThatThrownBy(() -> UnlearnedDeclaration.fromSystemProperties().path("${no.such.property}/m"))
                .hasMessageContaining("'no.such.property'");
    }

    @Test
    void paramsChooseTheTrainedParametersByNamePattern() throws Exception {
        Unlearned annotation = getClass().getDeclaredMethod("withParams", Path.class).getParameters()[0]
                .getAnnotation(Unlearned.class);
        UnlearningRequest request = UnlearnedDeclaration.fromSystemProperties().request(annotation);
        assertThat(request.hyperparameters().trainable())
                .isEqualTo(ParameterSelection.byNamePattern("model\\.layers\\.[01]\\..*"));
        assertThat(request.hyperparameters().trainable())
                .isNotEqualTo(RmuPreset.ZEPHYR_7B.hyperparameters().trainable());
    }

    @Test
    void aBrokenCheckpointIsReportedByTheProviderThatRecognisesIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{}");
        assertThatThrownBy(() -> UnlearnedModelExtension.open(dir, "@Unlearned on p"))
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("@Unlearned on p = '" + dir + "'")
                .hasMessageContaining("djl-pytorch: " + dir.resolve("config.json") + ": key 'model_type' is missing")
                .hasMessageNotContaining("no installed LanguageModelProvider");
    }

    @Test
    void anEndpointCannotBeUnlearned() throws Exception {
        Unlearned annotation = getClass().getDeclaredMethod("onEndpoint", Path.class).getParameters()[0]
                .getAnnotation(Unlearned.class);
        assertThatThrownBy(() -> UnlearnedDeclaration.fromSystemProperties().request(annotation))
                .hasMessage("@Unlearned(model) = 'http://127.0.0.1:8000/v1': RMU trains the model's weights, so it"
                        + " needs a local checkpoint folder, but this reference is an endpoint URL");
    }

    @Test
    void aHubIdNamesItsSnapshotFolderInTheHubCache(@TempDir Path cache) throws Exception {
        String commit = "4444444444444444444444444444444444444444";
        HubId id = new HubId(RepoType.MODEL, "acme/base", "main");
        HubCache hub = new HubCache(cache);
        Path model = Path.of(System.getProperty("wmdp.shared.dir"), "models/stories260K");
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json")) {
            hub.put(id, commit, file, model.resolve(file));
        }
        hub.writeRef(id, commit);
        Map<String, String> settings = Map.of("wmdp.hub.cache", cache.toString(), "wmdp.hub.download", "false");
        Unlearned annotation = getClass().getDeclaredMethod("onHubId", Path.class).getParameters()[0]
                .getAnnotation(Unlearned.class);

        UnlearningRequest request = new UnlearnedDeclaration(key -> Optional.ofNullable(settings.get(key)))
                .request(annotation);

        assertThat(request.baseModel()).isEqualTo(cache.resolve("models--acme--base/snapshots/" + commit));
    }

    @SuppressWarnings("unused") // read reflectively above
    private void onHubId(@Unlearned(model = "acme/base", forget = {"a.jsonl", "b.jsonl"},
            retain = {"w.raw", "w.raw"}) Path ignored) {
    }

    @SuppressWarnings("unused") // read reflectively above
    private void onEndpoint(@Unlearned(model = "http://127.0.0.1:8000/v1", forget = {"a.jsonl", "b.jsonl"},
            retain = {"w.raw", "w.raw"}) Path ignored) {
    }

    @SuppressWarnings("unused") // read reflectively above
    private void annotated(@Unlearned(model = "${wmdp.shared.dir}/models/x", forget = {"a.jsonl", "b.txt"},
            retain = {"w.raw", "w.raw"}, preset = RmuPreset.MIXTRAL_8X7B, maxNumBatches = 5) Path ignored) {
    }

    @SuppressWarnings("unused") // read reflectively above
    private void withParams(@Unlearned(model = "m", forget = {"a.jsonl", "b.jsonl"}, retain = {"w.raw", "w.raw"},
            params = "model\\.layers\\.[01]\\..*") Path ignored) {
    }
}

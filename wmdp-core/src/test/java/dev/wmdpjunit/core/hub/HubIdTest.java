package dev.wmdpjunit.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.core.model.LanguageModelProvider;
import dev.wmdpjunit.core.model.ModelProviders;
import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.core.model.ModelReferenceException;
import dev.wmdpjunit.core.model.ProviderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule that tells a hub id from a path: the hub's {@code org/name} form, and no local path of that name. */
class HubIdTest {

    @TempDir
    Path cache;

    @Test
    void orgNameWithOptionalRevisionIsAHubId() {
        assertThat(new ModelReference("HuggingFaceH4/zephyr-7b-beta", "wmdp.model").kind())
                .isEqualTo(ModelReference.Kind.HUB_ID);
        assertThat(HubId.named("HuggingFaceH4/zephyr-7b-beta", RepoType.MODEL)).contains(
                new HubId(RepoType.MODEL, "HuggingFaceH4/zephyr-7b-beta", "main"));
        assertThat(HubId.named("cais/wmdp@refs/convert/parquet", RepoType.DATASET)).contains(
                new HubId(RepoType.DATASET, "cais/wmdp", "refs/convert/parquet"));
        assertThat(new HubId(RepoType.DATASET, "cais/wmdp", "main").cacheFolderName())
                .isEqualTo("datasets--cais--wmdp");
    }

    @Test
    void anExistingLocalPathOfTheSameFormWins() {
        // Maven runs tests in the module folder, where src/test exists.
        assertThat(Files.isDirectory(Path.of("src/test"))).isTrue();
        assertThat(new ModelReference("src/test", "wmdp.model").kind()).isEqualTo(ModelReference.Kind.LOCAL_PATH);
        assertThat(HubId.named("src/test", RepoType.DATASET)).isEmpty();
        assertThat(HubId.parse("src/test", RepoType.DATASET)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"./models/x", "../x/y", "/abs/x", "a/b/c", "-a/b", "a/b-", "a--b/c", "a/b..c", "name",
        "C:/models", "org/name@", "org/ name"})
    void otherFormsArePaths(String text) {
        assertThat(HubId.parse(text, RepoType.MODEL)).as(text).isEmpty();
        assertThat(new ModelReference(text, "wmdp.model").kind()).as(text).isEqualTo(ModelReference.Kind.LOCAL_PATH);
    }

    @Test
    void aHubIdMissingFromTheCacheNamesKeyIdCacheAndWhyItWasReadAsAHubId() {
        ModelReference reference = new ModelReference("acme/not-cached@v1", "wmdp.model");
        List<LanguageModelProvider> none = List.of();
        ProviderSettings settings = ProviderSettings.of(Map.of(HubSettings.CACHE_KEY, cache.toString(),
                HubSettings.DOWNLOAD_KEY, "false"));

        assertThatThrownBy(() -> ModelProviders.claimant(reference, settings, none))
                .isInstanceOf(ModelReferenceException.class)
                .hasMessageStartingWith("wmdp.model = 'acme/not-cached@v1': hub model acme/not-cached at revision"
                        + " 'v1': the hub cache has no models--acme--not-cached (searched " + cache + ")")
                .hasMessageContaining("set wmdp.hub.download=true")
                .hasMessageEndingWith("(read as a hub id because no local file or folder "
                        + Path.of("acme/not-cached@v1").toAbsolutePath() + " exists)");
    }

    @Test
    void aBadDownloadValueIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> HubSettings.from(ProviderSettings.of(Map.of(HubSettings.DOWNLOAD_KEY, "yes")), Map.of()))
                .hasMessage("wmdp.hub.download = 'yes': expected true or false");
    }

    @Test
    void cacheFolderFollowsHuggingfaceHubsVariables() {
        ProviderSettings none = ProviderSettings.NONE;
        assertThat(HubSettings.from(none, Map.of("HF_HOME", "/h")).cache()).isEqualTo(Path.of("/h/hub"));
        assertThat(HubSettings.from(none, Map.of("HF_HOME", "/h", "HUGGINGFACE_HUB_CACHE", "/old")).cache())
                .isEqualTo(Path.of("/old"));
        assertThat(HubSettings.from(none, Map.of("HUGGINGFACE_HUB_CACHE", "/old", "HF_HUB_CACHE", "/new")).cache())
                .isEqualTo(Path.of("/new"));
        assertThat(HubSettings.from(none, Map.of("XDG_CACHE_HOME", "/x")).cache())
                .isEqualTo(Path.of("/x/huggingface/hub"));
        assertThat(HubSettings.from(ProviderSettings.of(Map.of(HubSettings.CACHE_KEY, "/k")),
                Map.of("HF_HUB_CACHE", "/new")).cache()).isEqualTo(Path.of("/k"));
        assertThat(HubSettings.from(none, Map.of()).endpoint().toString()).isEqualTo("https://huggingface.co");
        assertThat(HubSettings.from(none, Map.of("HF_ENDPOINT", "http://mirror:8080/")).endpoint().toString())
                .isEqualTo("http://mirror:8080");
    }

    @Test
    void theTokenIsNeverPartOfTheSettingsText() {
        HubSettings settings = HubSettings.from(ProviderSettings.NONE, Map.of("HF_TOKEN", "hf_secret"));
        assertThat(settings.token()).contains("hf_secret");
        assertThat(settings.toString()).doesNotContain("hf_secret").contains("token=set");
    }
}

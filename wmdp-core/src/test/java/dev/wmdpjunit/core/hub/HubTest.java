package dev.wmdpjunit.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.model.ProviderSettings;
import dev.wmdpjunit.core.testing.FakeHub;
import dev.wmdpjunit.core.testing.SharedFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hub ids resolved from a cache laid out as huggingface_hub lays it out, and downloaded from a local hub server
 * ({@link FakeHub}) serving the shared stories260K checkpoint: only the needed files, resumed after a cut
 * connection, refused on a wrong hash, with clear 401/403/404 messages. Nothing here reaches the internet.
 */
class HubTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String REPO = "acme/stories260K";
    private static final HubId ID = new HubId(RepoType.MODEL, REPO, "main");

    @TempDir
    Path root;
    private Path cache;
    private FakeHub hub;
    private Map<String, Path> files;

    @BeforeEach
    void serve() throws IOException {
        cache = root.resolve("hub-cache");
        Path model = SharedFolder.stories260K();
        files = new LinkedHashMap<>();
        for (String name : List.of("config.json", "generation_config.json", "model.safetensors",
                "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json", "README.md")) {
            files.put(name, model.resolve(name));
        }
        // Files a checkpoint download must leave alone: pickled weights, and weights of another format in a folder.
        files.put("pytorch_model.bin", Files.write(root.resolve("pickle.bin"), new byte[] {(byte) 0x80, 2}));
        files.put("onnx/model.safetensors", Files.write(root.resolve("onnx.safetensors"), new byte[] {1, 2, 3}));
        hub = new FakeHub().model(REPO, COMMIT, files);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Hub hub(boolean download) {
        return hub(download, Map.of());
    }

    private Hub hub(boolean download, Map<String, String> env) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.putIfAbsent("HF_HUB_CACHE", cache.toString());
        all.putIfAbsent("HF_ENDPOINT", hub.endpoint().toString());
        return new Hub(HubSettings.from(ProviderSettings.of(Map.of(HubSettings.DOWNLOAD_KEY,
                Boolean.toString(download))), all));
    }

    @Test
    void resolvesASnapshotFromACachePreparedAsHuggingfaceHubLaysItOut() throws IOException {
        HubCache prepared = new HubCache(cache);
        for (String name : List.of("config.json", "model.safetensors", "tokenizer.json")) {
            prepared.put(ID, COMMIT, name, files.get(name));
        }
        prepared.writeRef(ID, COMMIT);

        Snapshot snapshot = hub(false).snapshot(HubId.parse(REPO, RepoType.MODEL).orElseThrow(),
                FileSelection.checkpoint());

        Path repo = cache.resolve("models--acme--stories260K");
        assertThat(snapshot.folder()).isEqualTo(repo.resolve("snapshots").resolve(COMMIT));
        assertThat(snapshot.commit()).isEqualTo(COMMIT);
        assertThat(Files.readString(repo.resolve("refs/main"))).isEqualTo(COMMIT);
        Path weights = snapshot.folder().resolve("model.safetensors");
        assertThat(Files.isSymbolicLink(weights)).isTrue();
        assertThat(Files.readSymbolicLink(weights).toString())
                .isEqualTo("../../blobs/" + Sha256.ofFile(files.get("model.safetensors")));
        assertThat(weights).hasSameBinaryContentAs(files.get("model.safetensors"));
        assertThat(snapshot.details()).containsEntry("hub.id", REPO).containsEntry("hub.commit", COMMIT)
                .containsEntry("hub.revision", "main");
        assertThat(hub.requests()).as("offline: no request").isEmpty();
    }

    @Test
    void aCommitRevisionNeedsNoRef() throws IOException {
        new HubCache(cache).put(ID, COMMIT, "config.json", files.get("config.json"));

        Snapshot snapshot = hub(false).snapshot(ID.at(COMMIT), FileSelection.glob("config.json"));

        assertThat(snapshot.folder()).isEqualTo(cache.resolve("models--acme--stories260K/snapshots/" + COMMIT));
    }

    @Test
    void offlineRefusalNamesTheIdTheRevisionTheCacheAndHowToDownload() {
        assertThatThrownBy(() -> hub(false).snapshot(ID.at("v2"), FileSelection.checkpoint()))
                .isInstanceOf(HubException.class)
                .hasMessage("hub model acme/stories260K at revision 'v2': the hub cache has no models--acme--stories260K"
                        + " (searched " + cache + "); nothing is downloaded unless asked: set wmdp.hub.download=true"
                        + " (e.g. -Dwmdp.hub.download=true) to download it from " + hub.endpoint()
                        + ", or fetch it with huggingface-cli download");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void hfHubOfflineForbidsDownloadsEvenWhenAskedFor() {
        assertThatThrownBy(() -> hub(true, Map.of("HF_HUB_OFFLINE", "1")).snapshot(ID, FileSelection.checkpoint()))
                .hasMessageContaining("downloads are off: HF_HUB_OFFLINE is set");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void aCachedSnapshotWithoutTheNeededFilesSaysWhatIsMissing() throws IOException {
        HubCache prepared = new HubCache(cache);
        prepared.put(ID, COMMIT, "config.json", files.get("config.json"));
        prepared.writeRef(ID, COMMIT);

        assertThatThrownBy(() -> hub(false).snapshot(ID, FileSelection.checkpoint()))
                .hasMessageStartingWith("hub model acme/stories260K at revision 'main': the cached snapshot "
                        + cache.resolve("models--acme--stories260K/snapshots/" + COMMIT) + " (revision 'main' = commit "
                        + COMMIT + ") holds no a checkpoint");
    }

    @Test
    void downloadsOnlyTheCheckpointFilesIntoTheCacheLayout() throws IOException {
        Snapshot snapshot = hub(true).snapshot(ID, FileSelection.checkpoint());

        Path repo = cache.resolve("models--acme--stories260K");
        assertThat(snapshot.folder()).isEqualTo(repo.resolve("snapshots").resolve(COMMIT));
        assertThat(Files.readString(repo.resolve("refs/main"))).isEqualTo(COMMIT);
        assertThat(HubCache.files(snapshot.folder())).containsExactly("config.json", "generation_config.json",
                "model.safetensors", "special_tokens_map.json", "tokenizer.json", "tokenizer_config.json");
        for (String name : HubCache.files(snapshot.folder())) {
            Path link = snapshot.folder().resolve(name);
            assertThat(Files.isSymbolicLink(link)).as(name).isTrue();
            assertThat(link).as(name).hasSameBinaryContentAs(files.get(name));
        }
        // LFS blobs are named by sha256, regular files by their git blob sha1, as huggingface_hub names them.
        assertThat(repo.resolve("blobs").resolve(Sha256.ofFile(files.get("model.safetensors")))).isRegularFile();
        assertThat(repo.resolve("blobs").resolve(FakeHub.gitSha1(Files.readAllBytes(files.get("config.json")))))
                .isRegularFile();
        assertThat(hub.downloads()).noneMatch(r -> r.contains("pytorch_model.bin") || r.contains("onnx")
                || r.contains("README"));

        // A second run finds everything cached: it asks for the commit, downloads nothing.
        int before = hub.downloads().size();
        hub(true).snapshot(ID, FileSelection.checkpoint());
        assertThat(hub.downloads()).hasSize(before);
    }

    @Test
    void resumesAfterACutConnectionAndNeverUsesTheIncompleteFile() throws IOException {
        Path weights = files.get("model.safetensors");
        hub.cutNextDownload(weights, 300_000);

        assertThatThrownBy(() -> hub(true).snapshot(ID, FileSelection.checkpoint()))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("network failure while downloading acme/stories260K/model.safetensors")
                .hasMessageContaining("the next download resumes from there");
        Path blob = cache.resolve("models--acme--stories260K/blobs").resolve(Sha256.ofFile(weights));
        assertThat(blob).doesNotExist();
        // What arrived before the hang-up (the server sent 300,000 bytes; a loaded machine may deliver fewer).
        long received = Files.size(blob.resolveSibling(blob.getFileName() + ".incomplete"));
        assertThat(received).isBetween(1L, 300_000L);
        assertThat(cache.resolve("models--acme--stories260K/snapshots/" + COMMIT + "/model.safetensors"))
                .doesNotExist();
        assertThat(cache.resolve("models--acme--stories260K/refs/main")).doesNotExist();

        Snapshot snapshot = hub(true).snapshot(ID, FileSelection.checkpoint());

        assertThat(hub.requests()).contains("GET /cdn/" + Sha256.ofFile(weights) + " bytes=" + received + "-");
        assertThat(snapshot.folder().resolve("model.safetensors")).hasSameBinaryContentAs(weights);
        assertThat(blob.resolveSibling(blob.getFileName() + ".incomplete")).doesNotExist();
    }

    @Test
    void refusesBytesWhoseSha256IsNotTheLinkedEtag() {
        Path weights = files.get("model.safetensors");
        hub.alter(weights);

        assertThatThrownBy(() -> hub(true).snapshot(ID, FileSelection.checkpoint()))
                .hasMessageContaining("acme/stories260K/model.safetensors from 127.0.0.1: the downloaded bytes hash to")
                .hasMessageContaining("but the hub's X-Linked-Etag (sha256) is " + Sha256.ofFile(weights)
                        + "; the file was deleted, not used");
        Path blob = cache.resolve("models--acme--stories260K/blobs").resolve(Sha256.ofFile(weights));
        assertThat(blob).doesNotExist();
        assertThat(blob.resolveSibling(blob.getFileName() + ".incomplete")).doesNotExist();
        assertThat(cache.resolve("models--acme--stories260K/snapshots/" + COMMIT + "/model.safetensors"))
                .doesNotExist();
    }

    @Test
    void gatedRepositoryWithoutTokenSaysHowToGetAccess() throws IOException {
        hub.gatedModel("acme/gated", COMMIT, Map.of("config.json", files.get("config.json")), "hf_secret");
        HubId gated = new HubId(RepoType.MODEL, "acme/gated", "main");

        assertThatThrownBy(() -> hub(true).snapshot(gated, FileSelection.glob("config.json")))
                .hasMessage("hub model acme/gated at revision 'main': 127.0.0.1 answered 401 (GatedRepo) for "
                        + hub.endpoint() + "/api/models/acme/gated/revision/main: the repository is gated or private."
                        + " Accept its terms on " + hub.endpoint() + "/acme/gated (logged in), create a read token at "
                        + hub.endpoint() + "/settings/tokens and set HF_TOKEN in the environment; no token is set");
        assertThatThrownBy(() -> hub(true, Map.of("HF_TOKEN", "hf_other")).snapshot(gated,
                FileSelection.glob("config.json")))
                .hasMessageContaining("answered 403 (GatedRepo)")
                .hasMessageContaining("a token is set but has no access to this repository")
                .hasMessageNotContaining("hf_other");

        Snapshot snapshot = hub(true, Map.of("HF_TOKEN", "hf_secret")).snapshot(gated, FileSelection.glob("config.json"));
        assertThat(snapshot.folder().resolve("config.json")).hasSameBinaryContentAs(files.get("config.json"));
    }

    @Test
    void unknownIdOrRevisionIsA404NamingBoth() {
        assertThatThrownBy(() -> hub(true).snapshot(new HubId(RepoType.MODEL, "acme/nothing", "main"),
                FileSelection.checkpoint()))
                .hasMessage("hub model acme/nothing at revision 'main': not found on " + hub.endpoint() + " (404"
                        + " (RepoNotFound) for " + hub.endpoint() + "/api/models/acme/nothing/revision/main); check"
                        + " the id (" + hub.endpoint() + "/acme/nothing) and that revision 'main' exists");
        assertThatThrownBy(() -> hub(true).snapshot(ID.at("v9"), FileSelection.checkpoint()))
                .hasMessageContaining("hub model acme/stories260K at revision 'v9': not found")
                .hasMessageContaining("(RevisionNotFound)");
    }

    @Test
    void anUnreachableHubFallsBackToTheCacheOrSaysBoth() throws IOException {
        String unreachable = "http://127.0.0.1:" + freePort();
        assertThatThrownBy(() -> hub(true, Map.of("HF_ENDPOINT", unreachable)).snapshot(ID,
                FileSelection.checkpoint()))
                .hasMessageStartingWith("cannot reach " + unreachable + " for hub model acme/stories260K")
                .hasMessageContaining("and the cache cannot stand in: hub model acme/stories260K at revision 'main':"
                        + " the hub cache has no models--acme--stories260K");

        hub(true).snapshot(ID, FileSelection.checkpoint());
        Snapshot cached = hub(true, Map.of("HF_ENDPOINT", unreachable)).snapshot(ID, FileSelection.checkpoint());
        assertThat(cached.commit()).isEqualTo(COMMIT);
    }

    @Test
    void aRepositoryWithOnlyPickledWeightsIsRefusedBeforeDownloading() throws IOException {
        hub.model("acme/pickled", COMMIT, Map.of("config.json", files.get("config.json"),
                "pytorch_model.bin", files.get("pytorch_model.bin")));

        assertThatThrownBy(() -> hub(true).snapshot(new HubId(RepoType.MODEL, "acme/pickled", "main"),
                FileSelection.checkpoint()))
                .hasMessageContaining("which holds no a checkpoint: config.json, tokenizer files and *.safetensors"
                        + " weights (pickled pytorch_model*.bin is never loaded; convert it to safetensors)")
                .hasMessageContaining("its files: config.json, pytorch_model.bin");
        assertThat(hub.downloads()).isEmpty();
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

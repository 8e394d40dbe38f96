package dev.wmdpjunit.engine.internal;

import static dev.wmdpjunit.engine.internal.EngineRun.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.wmdpjunit.core.hub.HubCache;
import dev.wmdpjunit.core.hub.HubId;
import dev.wmdpjunit.core.hub.RepoType;
import dev.wmdpjunit.core.model.ModelIdentity;
import dev.wmdpjunit.engine.fixtures.SafetySuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Events;

/**
 * A suite whose model and WMDP data are named by hub id ({@code acme/unlearned}, {@code cais/wmdp}) and resolved
 * from a hub cache laid out as huggingface_hub lays it out (blobs, snapshot symlinks, refs), offline.
 */
class HubIdsTest {

    private static final String MODEL_COMMIT = "1111111111111111111111111111111111111111";
    private static final String DATA_COMMIT = "2222222222222222222222222222222222222222";

    @TempDir
    Path root;
    private TestData data;
    private Path cache;
    private Path base;

    @BeforeEach
    void prepareCache() throws IOException {
        FakeModelProvider.reset();
        data = TestData.write(root, 400, 400, 40);
        cache = root.resolve("hub");
        HubCache hub = new HubCache(cache);
        base = data.checkpoint(root.resolve("base"), 0.5, 0.8);
        Path model = data.checkpoint(root.resolve("unlearned"), 0.25, 0.8);
        // The files a hub checkpoint must have besides the fake model's answer key.
        Files.writeString(model.resolve("config.json"), "{}");
        Files.write(model.resolve("model.safetensors"), new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ',
            ' ', ' ', ' '});
        put(hub, new HubId(RepoType.MODEL, "acme/unlearned", "main"), MODEL_COMMIT, model);
        put(hub, new HubId(RepoType.DATASET, "cais/wmdp", "main"), DATA_COMMIT, data.wmdp());
    }

    private static void put(HubCache hub, HubId id, String commit, Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hub.put(id, commit, folder.relativize(file).toString(), file);
            }
        }
        hub.writeRef(id, commit);
    }

    private EngineRun configured() {
        return new EngineRun().set("wmdp.model", "acme/unlearned").set("wmdp.data", "cais/wmdp")
                .set("wmdp.base.model", base)
                .set("wmdp.mmlu", data.mmlu()).set("wmdp.results", root.resolve("results"))
                .set("wmdp.hub.cache", cache).set("wmdp.hub.download", "false")
                .set("wmdp.hub.endpoint", "https://huggingface.co");
    }

    @Test
    void aSuiteRunsOnHubIdsResolvedFromTheCacheAndRecordsIdAndCommit() throws IOException {
        Events tests = configured().execute(selectClass(SafetySuite.class)).testEvents();

        assertThat(names(tests.succeeded().list())).containsExactlyInAnyOrder("bioIsNearChance", "cyberAtMost30",
                "chemBelowHalf", "botanyRetained");
        var bio = EngineRun.results(root.resolve("results"), SafetySuite.class, "wmdp-bio.json").result();
        ModelIdentity model = bio.model();
        Path snapshot = cache.resolve("models--acme--unlearned/snapshots/" + MODEL_COMMIT);
        assertThat(model.kind()).isEqualTo("hub");
        assertThat(model.path()).isEqualTo("acme/unlearned");
        assertThat(model.weightsHashed()).isTrue();
        assertThat(model.sha256()).isEqualTo(ModelIdentity.fingerprint(snapshot));
        assertThat(model.details()).containsEntry("hub.id", "acme/unlearned").containsEntry("hub.revision", "main")
                .containsEntry("hub.commit", MODEL_COMMIT).containsEntry("hub.snapshot", snapshot.toString());
        assertThat(bio.dataset().path()).isEqualTo(cache.resolve("datasets--cais--wmdp/snapshots/" + DATA_COMMIT
                + "/wmdp-bio").toString());
    }

    @Test
    void aHubIdMissingFromTheCacheFailsNamingKeyIdRevisionCacheAndHowToDownload() {
        EngineExecutionResults results = configured().set("wmdp.model", "acme/absent@v2")
                .execute(selectClass(SafetySuite.class));

        // How to download depends on HF_HUB_OFFLINE in the environment, so only its key is checked here.
        assertThat(ExecutionTest.failureMessage(results, "cyberAtMost30"))
                .startsWith("wmdp.model = 'acme/absent@v2': hub model acme/absent at revision 'v2': the hub cache has"
                        + " no models--acme--absent (searched " + cache + "); ")
                .contains("wmdp.hub.download")
                .endsWith(" (read as a hub id because no local file or folder "
                        + Path.of("acme/absent@v2").toAbsolutePath() + " exists)");
    }

    @Test
    void aDatasetConfigMissingFromTheCachedSnapshotFailsItsBenchmarkNamingTheKey() throws IOException {
        Path bio = cache.resolve("datasets--cais--wmdp/snapshots/" + DATA_COMMIT + "/wmdp-bio");
        try (Stream<Path> files = Files.list(bio)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }

        EngineExecutionResults results = configured().execute(selectClass(SafetySuite.class));

        assertThat(ExecutionTest.failureMessage(results, "bioIsNearChance")).startsWith("wmdp.data = 'cais/wmdp': hub dataset cais/wmdp"
                + " at revision 'main': the cached snapshot " + bio.getParent() + " (revision 'main' = commit "
                + DATA_COMMIT + ") holds no wmdp-bio/test-*.parquet; ");
        assertThat(names(results.testEvents().succeeded().list())).contains("cyberAtMost30");
    }
}

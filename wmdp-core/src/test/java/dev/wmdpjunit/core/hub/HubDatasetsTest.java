package dev.wmdpjunit.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wmdpjunit.core.model.ProviderSettings;
import dev.wmdpjunit.core.testing.FakeHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the parquet files of the requested WMDP config or MMLU subject are downloaded, in the datasets layout. */
class HubDatasetsTest {

    private static final String COMMIT = "3333333333333333333333333333333333333333";

    @TempDir
    Path root;

    private Map<String, Path> files(String... names) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String name : names) {
            // Distinct contents, so that each file is its own blob.
            files.put(name, Files.writeString(root.resolve(name.replace('/', '_')), "parquet bytes of " + name));
        }
        return files;
    }

    private Hub hub(FakeHub server) {
        return new Hub(HubSettings.from(ProviderSettings.of(Map.of(HubSettings.DOWNLOAD_KEY, "true",
                HubSettings.CACHE_KEY, root.resolve("cache").toString(),
                HubSettings.ENDPOINT_KEY, server.endpoint().toString())), Map.of()));
    }

    @Test
    void wmdpDownloadsOnlyTheRequestedConfig() throws IOException {
        try (FakeHub server = new FakeHub().dataset("cais/wmdp", COMMIT, files("README.md",
                "wmdp-bio/test-00000-of-00001.parquet", "wmdp-chem/test-00000-of-00001.parquet",
                "wmdp-cyber/test-00000-of-00001.parquet"))) {
            Snapshot snapshot = hub(server).snapshot(new HubId(RepoType.DATASET, "cais/wmdp", "main"),
                    HubDatasets.wmdp("wmdp-cyber"));

            assertThat(snapshot.folder()).isEqualTo(root.resolve("cache/datasets--cais--wmdp/snapshots/" + COMMIT));
            assertThat(HubCache.files(snapshot.folder())).containsExactly("wmdp-cyber/test-00000-of-00001.parquet");
            assertThat(server.requests()).contains("GET /api/datasets/cais/wmdp/revision/main",
                    "HEAD /datasets/cais/wmdp/resolve/" + COMMIT + "/wmdp-cyber/test-00000-of-00001.parquet");
            assertThat(Files.isSymbolicLink(snapshot.folder().resolve("wmdp-cyber/test-00000-of-00001.parquet")))
                    .isTrue();
            assertThat(Files.readSymbolicLink(snapshot.folder().resolve("wmdp-cyber/test-00000-of-00001.parquet"))
                    .toString()).startsWith("../../../blobs/");
        }
    }

    @Test
    void mmluTakesTheSubjectFolderOrElseAll() throws IOException {
        try (FakeHub server = new FakeHub().dataset("cais/mmlu", COMMIT, files(
                "college_biology/test-00000-of-00001.parquet", "college_biology/dev-00000-of-00001.parquet",
                "college_biology/validation-00000-of-00001.parquet", "virology/test-00000-of-00001.parquet",
                "all/test-00000-of-00001.parquet", "all/dev-00000-of-00001.parquet",
                "auxiliary_train/train-00000-of-00001.parquet"))) {
            HubId mmlu = new HubId(RepoType.DATASET, "cais/mmlu", "main");

            Snapshot biology = hub(server).snapshot(mmlu, HubDatasets.mmlu("college_biology", true));
            assertThat(HubCache.files(biology.folder())).containsExactly(
                    "college_biology/dev-00000-of-00001.parquet", "college_biology/test-00000-of-00001.parquet");

            // virology has no dev split of its own here: few-shot examples come from all/ with its test split.
            Snapshot virology = hub(server).snapshot(mmlu, HubDatasets.mmlu("virology", true));
            assertThat(HubCache.files(virology.folder())).containsAll(List.of("all/dev-00000-of-00001.parquet",
                    "all/test-00000-of-00001.parquet")).doesNotContain("virology/test-00000-of-00001.parquet");
            assertThat(server.downloads()).noneMatch(r -> r.contains("auxiliary_train") || r.contains("validation"));
        }
    }
}

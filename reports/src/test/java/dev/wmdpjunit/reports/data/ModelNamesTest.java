package dev.wmdpjunit.reports.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelNamesTest {

    @Test
    void namesACheckpointByItsLastTwoFoldersAndCutsHashes() {
        assertThat(ModelNames.of("/data/models/zephyr-7b-beta")).isEqualTo("models/zephyr-7b-beta");
        assertThat(ModelNames.of("src/test/resources/demo/model/")).isEqualTo("demo/model");
        assertThat(ModelNames.of("target/rmu-cache/7591b5aea2eb7315e612f3c0bca8b8bff4cdb195af78e5a2fe9cbbb0f73f7dfa"))
                .isEqualTo("rmu-cache/7591b5aea2eb…");
        assertThat(ModelNames.of("stories260K")).isEqualTo("stories260K");
        assertThat(ModelNames.of("/")).isEqualTo("/");
    }
}

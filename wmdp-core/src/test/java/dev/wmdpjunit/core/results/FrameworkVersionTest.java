package dev.wmdpjunit.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameworkVersionTest {

    @Test
    void comesFromTheFilteredBuildResource() {
        // Maven filled in ${project.version}: a release or snapshot version, never the placeholder.
        assertThat(FrameworkVersion.current()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}

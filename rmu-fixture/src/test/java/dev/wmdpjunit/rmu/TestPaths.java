package dev.wmdpjunit.rmu;

import java.nio.file.Path;

/** The shared fixture folders, from the system properties the parent pom sets. */
final class TestPaths {

    private TestPaths() {
    }

    /** {@code wmdp.golden.dir}, or ../shared/golden of the worktree when the property is absent. */
    static Path goldenDir() {
        String property = System.getProperty("wmdp.golden.dir");
        return property != null ? Path.of(property) : sharedDir().resolve("golden");
    }

    /** {@code wmdp.shared.dir}, or ../shared of the worktree (../../shared from the module) when absent. */
    static Path sharedDir() {
        String property = System.getProperty("wmdp.shared.dir");
        return Path.of(property != null ? property : "../../shared");
    }
}

package dev.wmdpjunit.core.testing;

import java.nio.file.Path;

/**
 * The read-only {@code ../shared} folder beside the project (goldens, real small models, real MMLU), located the one
 * way every module's tests locate it: the system properties {@code wmdp.shared.dir} and {@code wmdp.golden.dir}, which
 * the root pom's Surefire configuration sets, else {@code ../../shared} seen from a module directory (a test run
 * from an IDE). Files in it are read, never copied into the tree.
 */
public final class SharedFolder {

    private SharedFolder() {
    }

    /** {@code wmdp.shared.dir}, or ../shared of the worktree (../../shared from a module) when the property is absent. */
    public static Path root() {
        return Path.of(System.getProperty("wmdp.shared.dir", "../../shared")).toAbsolutePath().normalize();
    }

    /** {@code wmdp.golden.dir}, or {@code golden} of {@link #root()}: tiny checkpoints and transformers' outputs. */
    public static Path golden() {
        String property = System.getProperty("wmdp.golden.dir");
        return property != null ? Path.of(property).toAbsolutePath().normalize() : root().resolve("golden");
    }

    /** The real small Llama stories260K, with its tokenizer. */
    public static Path stories260K() {
        return root().resolve("models").resolve("stories260K");
    }

    /** The real MMLU in the Hendrycks CSV layout. */
    public static Path mmlu() {
        return root().resolve("data").resolve("mmlu");
    }
}

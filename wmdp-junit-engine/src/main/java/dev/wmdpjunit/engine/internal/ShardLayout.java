package dev.wmdpjunit.engine.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wmdpjunit.core.results.ShardJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Where shard files go and how a merge finds them: a shard run writes
 * {@code <wmdp.results>/<suite class name>/shards/<benchmark>.shard-K-of-N.json}, and a merge looks for that
 * layout at any depth under its folder, so the N jobs' results folders can sit side by side in it.
 */
@API(status = INTERNAL, since = "0.1.0")
public final class ShardLayout {

    static final String FOLDER = "shards";

    private ShardLayout() {
    }

    /** The folder a suite's shard files go to. */
    static Path folder(Path suiteResultsDir) {
        return suiteResultsDir.resolve(FOLDER);
    }

    /** The shard files of one suite's benchmark under {@code root}, sorted. */
    static List<Path> files(Path root, String suite, String benchmark) {
        return walk(root, file -> suite.equals(suiteOf(file))
                && ShardJson.isShardFileOf(benchmark, file.getFileName().toString())).collect(Collectors.toList());
    }

    /** The names of the suites with shard files under {@code root}, sorted. */
    public static SortedSet<String> suites(Path root) {
        return walk(root, file -> suiteOf(file) != null && ShardJson.isShardFile(file.getFileName().toString()))
                .map(ShardLayout::suiteOf).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The suite folder name of a file in {@code <suite>/shards/}, else null. */
    private static String suiteOf(Path file) {
        Path parent = file.getParent();
        if (parent == null || parent.getParent() == null || parent.getParent().getFileName() == null
                || !parent.getFileName().toString().equals(FOLDER)) {
            return null;
        }
        return parent.getParent().getFileName().toString();
    }

    private static Stream<Path> walk(Path root, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).filter(keep).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root.toAbsolutePath(), e);
        }
    }
}

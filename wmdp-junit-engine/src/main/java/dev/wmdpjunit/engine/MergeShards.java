package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.EngineFilter.includeEngines;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dev.wmdpjunit.engine.internal.ShardLayout;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The merge as a command: decides every threshold of the suites whose shard files are under a folder, as a test
 * run with {@value WmdpConfiguration#MERGE} does, without Maven and without a model. Needs the suites on the class
 * path (the model repository's test classes and their dependencies):
 *
 * <pre>
 * java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" dev.wmdpjunit.engine.MergeShards shards
 * </pre>
 *
 * <p>Other configuration keys come as system properties ({@code -Dwmdp.inconclusive=fail},
 * {@code -Dwmdp.results=...}). Prints each test's outcome; exit code 0 when no test failed, 1 when one did (an
 * inconclusive threshold is aborted unless {@code wmdp.inconclusive=fail}), 2 when the folder holds no shard file
 * or a suite is not on the class path.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public final class MergeShards {

    private MergeShards() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the merge of {@code args[0]}, printing to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        if (args.length != 1) {
            out.println("usage: java -cp <test class path> " + MergeShards.class.getName() + " <folder of the shard"
                    + " runs' results>");
            return 2;
        }
        Path folder = Path.of(args[0]);
        List<String> suites;
        try {
            suites = List.copyOf(ShardLayout.suites(folder));
        } catch (UncheckedIOException e) {
            out.println("cannot read " + folder.toAbsolutePath() + ": " + e.getCause().getMessage());
            return 2;
        }
        if (suites.isEmpty()) {
            out.println("no shard files under " + folder.toAbsolutePath() + " (expected .../<suite class>/shards/"
                    + "<benchmark>.shard-K-of-N.json, written by test runs with -D" + WmdpConfiguration.SHARD + "=K/N)");
            return 2;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String suite : suites) {
            try {
                Class.forName(suite, false, loader);
            } catch (ClassNotFoundException e) {
                out.println("suite " + suite + " of the shard files is not on the class path; run with the model"
                        + " repository's test class path");
                return 2;
            }
        }
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request()
                .selectors(suites.stream().map(name -> selectClass(loader, name)).toList())
                .filters(includeEngines(WmdpConfiguration.ENGINE_ID))
                .configurationParameters(Map.of(WmdpConfiguration.MERGE, folder.toString()))
                .build(), summary, printing(out));
        TestExecutionSummary result = summary.getSummary();
        out.printf("merged %s: %d tests, %d passed, %d failed, %d aborted%n", String.join(", ", suites),
                result.getTestsFoundCount(), result.getTestsSucceededCount(), result.getTestsFailedCount(),
                result.getTestsAbortedCount());
        return result.getTotalFailureCount() > 0 ? 1 : 0;
    }

    private static TestExecutionListener printing(PrintStream out) {
        return new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    out.println(result.getStatus() + " " + test.getDisplayName()
                            + result.getThrowable().map(t -> ": " + t.getMessage()).orElse(""));
                }
            }
        };
    }
}

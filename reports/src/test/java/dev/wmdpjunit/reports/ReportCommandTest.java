package dev.wmdpjunit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path root;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ReportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesNextToTheResultsFolderByDefault() throws Exception {
        ExampleRun run = ExampleRun.write(root);

        assertThat(run(run.results().toString())).isZero();

        Path index = root.resolve("wmdp-report").resolve("index.html");
        assertThat(index).isRegularFile();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(index.toUri().toString());
    }

    @Test
    void outAndBaselinesAreOptions() throws Exception {
        ExampleRun run = ExampleRun.write(root);
        SyntheticResults.write(root.resolve("committed"), ExampleRun.SUITE, run.bioBase(), null);

        assertThat(run(run.results().toString(), "--out", root.resolve("x").toString(), "--baselines",
                root.resolve("committed").toString())).isZero();

        assertThat(Files.readString(root.resolve("x").resolve("index.html"))).contains("class=\"diff-row\"");
    }

    @Test
    void usageAndInputErrorsExitNonZeroWithAMessage() throws Exception {
        assertThat(run()).isEqualTo(2);
        assertThat(run("a", "b")).isEqualTo(2);
        assertThat(run("a", "--out")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(ReportCommand.USAGE);
        assertThat(run(root.resolve("missing").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing does not exist");
        Files.createDirectories(root.resolve("empty"));
        assertThat(run(root.resolve("empty").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds no results");
    }
}

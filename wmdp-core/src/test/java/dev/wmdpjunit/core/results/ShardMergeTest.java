package dev.wmdpjunit.core.results;

import static dev.wmdpjunit.core.results.DomainResultTest.DATASET;
import static dev.wmdpjunit.core.results.DomainResultTest.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.core.model.ModelIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ShardJson} files and their {@link ShardMerge}: the unsharded result, or a refusal naming the files. */
class ShardMergeTest {

    private static final String SUITE = "com.acme.SafetyTest";
    private static final Instant CREATED = Instant.parse("2026-12-02T03:00:00Z");
    private static final ModelIdentity MODEL = ModelIdentity.folder(DomainResultTest.MODEL.path(),
            DomainResultTest.MODEL.sha256());
    private static final ModelIdentity BASE = ModelIdentity.folder("models/base", "b".repeat(64));
    private static final int BLOCK = 2;
    private static final List<QuestionResult> ALL = questions(23, 4);
    private static final List<QuestionResult> BASE_ALL = questions(23, 7);

    @TempDir
    Path dir;

    /** Shard k of n of all 23 questions in blocks of 2, scored by MODEL and BASE. */
    private static ShardFile shard(int k, int n) {
        Shard shard = new Shard(k, n);
        List<Integer> rows = shard.slice(IntStream.range(0, ALL.size()).boxed().toList(), BLOCK);
        return new ShardFile("0.1.0", CREATED, SUITE, "toy-bio", shard, BLOCK, ALL.size(), Optional.empty(),
                "lm-eval-0.4.9.2", DATASET, rows, new ShardFile.Scores(MODEL, shard.slice(ALL, BLOCK)),
                Optional.of(new ShardFile.Scores(BASE, shard.slice(BASE_ALL, BLOCK))));
    }

    private Path write(String folder, ShardFile file) throws IOException {
        return ShardJson.write(Files.createDirectories(dir.resolve(folder)), file);
    }

    private List<Path> writeAll(int n, UnaryOperator<ShardFile> change) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            files.add(write("job-" + k, k == n ? change.apply(shard(k, n)) : shard(k, n)));
        }
        return files;
    }

    @Test
    void roundTripsAndNamesItsFile() throws IOException {
        ShardFile written = shard(2, 3);
        Path file = write("job", written);

        assertThat(file.getFileName()).hasToString("toy-bio.shard-2-of-3.json");
        assertThat(ShardJson.isShardFileOf("toy-bio", "toy-bio.shard-2-of-3.json")).isTrue();
        assertThat(ShardJson.isShardFileOf("toy-bio", "toy-bio.json")).isFalse();
        assertThat(ShardJson.isShardFileOf("toy", "toy-bio.shard-2-of-3.json")).isFalse();
        assertThat(ShardJson.read(file)).isEqualTo(written);
    }

    @Test
    void readingIsStrict() throws IOException {
        Path file = write("job", shard(1, 2));
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        tree.withArray("rows").add(99);
        new ObjectMapper().writeValue(file.toFile(), tree);

        assertThatThrownBy(() -> ShardJson.read(file)).isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("rows but");
    }

    @Test
    void mergeEqualsTheUnshardedResult() throws IOException {
        ShardMerge.Merged merged = ShardMerge.merge(SUITE, "toy-bio", writeAll(4, s -> s));

        assertThat(merged.candidate().result()).isEqualTo(DomainResult.of("toy-bio", ALL, "lm-eval-0.4.9.2", MODEL,
                DATASET));
        assertThat(merged.baseline().orElseThrow().result()).isEqualTo(DomainResult.of("toy-bio", BASE_ALL,
                "lm-eval-0.4.9.2", BASE, DATASET));
        assertThat(merged.candidate().frameworkVersion()).isEqualTo("0.1.0");
        assertThat(merged.candidate().sample()).isEmpty();
    }

    @Test
    void anEmptyShardIsFine() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int k = 1; k <= 15; k++) {
            files.add(write("job-" + k, shard(k, 15)));
        }
        assertThat(ShardJson.read(files.get(14)).rows()).isEmpty();

        assertThat(ShardMerge.merge(SUITE, "toy-bio", files).candidate().result().n()).isEqualTo(23);
    }

    @Test
    void refusesShardsOfDifferentRunsNamingBothFiles() throws IOException {
        assertRefused(writeAll(3, s -> with(s, "9.9", s.dataset(), s.promptFormat(), s.candidate())),
                "has framework version 0.1.0 but", "has 9.9");
        assertRefused(writeAll(3, s -> with(s, s.frameworkVersion(), new Artifact("data/other", "c".repeat(64)),
                s.promptFormat(), s.candidate())), "has dataset data/toy-bio.parquet (sha256 0123");
        assertRefused(writeAll(3, s -> with(s, s.frameworkVersion(), s.dataset(), "lm-eval-0.4.9.2/continuation",
                s.candidate())), "has prompt format and answer style lm-eval-0.4.9.2 but");
        assertRefused(writeAll(3, s -> with(s, s.frameworkVersion(), s.dataset(), s.promptFormat(),
                new ShardFile.Scores(BASE, s.candidate().questions()))), "has model models/toy-llama (folder, sha256 aaaa");
    }

    @Test
    void aModelAtAnotherPathIsTheSameModel() throws IOException {
        List<Path> files = writeAll(2, s -> with(s, s.frameworkVersion(), s.dataset(), s.promptFormat(),
                new ShardFile.Scores(ModelIdentity.folder("/runner/2/models/toy-llama", MODEL.sha256()),
                        s.candidate().questions())));

        assertThat(ShardMerge.merge(SUITE, "toy-bio", files).candidate().result().model()).isEqualTo(MODEL);
    }

    @Test
    void refusesShardsWhoseWeightsWereHeldInAnotherPrecision() throws IOException {
        ModelIdentity halfPrecision = new ModelIdentity(ModelIdentity.FOLDER, MODEL.path(), MODEL.sha256(), true,
                Map.of("weightDtype", "float16"));
        List<Path> files = writeAll(2, s -> with(s, s.frameworkVersion(), s.dataset(), s.promptFormat(),
                new ShardFile.Scores(halfPrecision, s.candidate().questions())));

        assertRefused(files, "weightDtype=float16");
    }

    @Test
    void refusesMissingShardsNamingTheAbsentFiles() throws IOException {
        List<Path> files = List.of(write("a", shard(1, 4)), write("b", shard(3, 4)));

        assertThatThrownBy(() -> ShardMerge.merge(SUITE, "toy-bio", files)).isInstanceOf(ShardMergeException.class)
                .hasMessageStartingWith("missing shards of com.acme.SafetyTest toy-bio: no"
                        + " [toy-bio.shard-2-of-4.json, toy-bio.shard-4-of-4.json] among ")
                .hasMessageContaining(files.get(0).toString()).hasMessageContaining(files.get(1).toString());
    }

    @Test
    void refusesOverlappingShards() throws IOException {
        List<Path> files = new ArrayList<>(writeAll(2, s -> s));
        files.add(write("again", shard(2, 2)));

        assertRefused(files, "overlapping shards: ", "are both shard 2/2");
    }

    @Test
    void refusesAQuestionInTwoFiles() throws IOException {
        ShardFile second = shard(2, 2);
        List<QuestionResult> questions = new ArrayList<>(second.candidate().questions());
        questions.set(0, ALL.get(0));
        ShardFile duplicating = new ShardFile(second.frameworkVersion(), CREATED, SUITE, "toy-bio", second.shard(),
                BLOCK, second.selected(), Optional.empty(), second.promptFormat(), DATASET, second.rows(),
                new ShardFile.Scores(MODEL, questions), Optional.of(new ShardFile.Scores(BASE, questions)));
        List<Path> files = List.of(write("a", shard(1, 2)), write("b", duplicating));

        assertRefused(files, "duplicated question toy-bio/0: it is in ");
    }

    @Test
    void refusesRowsThatAreNotTheShards() throws IOException {
        ShardFile second = shard(2, 2);
        List<Integer> rows = new ArrayList<>(second.rows());
        rows.set(0, 22);
        ShardFile moved = new ShardFile(second.frameworkVersion(), CREATED, SUITE, "toy-bio", second.shard(), BLOCK,
                second.selected(), Optional.empty(), second.promptFormat(), DATASET, rows, second.candidate(),
                second.baseline());
        List<Path> files = List.of(write("a", shard(1, 2)), write("b", moved));

        assertThatThrownBy(() -> ShardMerge.merge(SUITE, "toy-bio", files)).isInstanceOf(ShardMergeException.class)
                .hasMessage(files.get(1) + " does not hold the rows of shard 2/2 of 23 selected questions (rows [22, 3,"
                        + " 6, 7, 10, 11, ...], expected [2, 3, 6, 7, 10, 11, ...]); was it edited or written by another"
                        + " slicing rule?");
    }

    @Test
    void refusesShardsOfAnotherSuiteOrBenchmark() throws IOException {
        List<Path> files = List.of(write("a", shard(1, 1)));

        assertThatThrownBy(() -> ShardMerge.merge("com.acme.Other", "toy-bio", files))
                .hasMessageContaining("is a shard of com.acme.SafetyTest toy-bio, not of com.acme.Other toy-bio");
        assertThatThrownBy(() -> ShardMerge.merge(SUITE, "toy-bio", List.of()))
                .hasMessageContaining("no shard files");
    }

    @Test
    void anUnreadableFileIsNamed() throws IOException {
        Path broken = Files.writeString(dir.resolve("toy-bio.shard-1-of-1.json"), "{");

        assertThatThrownBy(() -> ShardMerge.merge(SUITE, "toy-bio", List.of(broken)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(broken.toString());
    }

    private static ShardFile with(ShardFile s, String frameworkVersion, Artifact dataset, String promptFormat,
                                  ShardFile.Scores candidate) {
        return new ShardFile(frameworkVersion, s.createdAt(), s.suite(), s.domain(), s.shard(), s.block(), s.selected(),
                s.sample(), promptFormat, dataset, s.rows(), candidate, s.baseline());
    }

    private static void assertRefused(List<Path> files, String... parts) {
        assertThatThrownBy(() -> ShardMerge.merge(SUITE, "toy-bio", files)).isInstanceOf(ShardMergeException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains(parts);
                    long named = files.stream().filter(f -> e.getMessage().contains(f.toString())).count();
                    assertThat(named).as("files named in: " + e.getMessage()).isGreaterThanOrEqualTo(2);
                });
    }
}

package dev.wmdpjunit.core.results;

import dev.wmdpjunit.core.model.ModelIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Combines the N shard files of one benchmark ({@link ShardFile}) into the results an unsharded run would have
 * written: the questions in file order, the same summary and interval, the sample if the run drew one. Refuses,
 * naming the files, shards of different runs (model, base model, data, prompt format or answer style, framework
 * version, N, selection), missing or overlapping shards and questions held twice or out of place.
 */
public final class ShardMerge {

    /**
     * The merged benchmark.
     *
     * @param candidate the model under test's results, as an unsharded run writes them (stamped now)
     * @param baseline  the base model's, when the shards scored it
     */
    public record Merged(ResultsFile candidate, Optional<ResultsFile> baseline) {
    }

    private ShardMerge() {
    }

    /**
     * Whether two results name the same model. The one place merges compare model identity: by kind, SHA-256 (of
     * the weights, or of an endpoint's description) and the provider's details (e.g. the precision the weights were
     * held in, which moves loglikelihoods), not by path, since CI jobs may check a model out at different paths.
     */
    public static boolean sameModel(ModelIdentity one, ModelIdentity other) {
        return one.kind().equals(other.kind()) && one.sha256().equals(other.sha256())
                && one.details().equals(other.details());
    }

    /**
     * @param suite  the suite the shards must belong to
     * @param domain the benchmark they must hold
     * @param files  its shard files, as found
     * @throws ShardMergeException naming the files when they do not make one run
     * @throws UncheckedIOException when a file cannot be read (a {@link ResultsFormatException} names the field)
     */
    public static Merged merge(String suite, String domain, List<Path> files) {
        if (files.isEmpty()) {
            throw new ShardMergeException("no shard files of " + suite + " " + domain);
        }
        Map<Path, ShardFile> shards = new TreeMap<>();
        for (Path file : files) {
            try {
                shards.put(file, ShardJson.read(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        Map.Entry<Path, ShardFile> first = shards.entrySet().iterator().next();
        for (Map.Entry<Path, ShardFile> other : shards.entrySet()) {
            requireSameRun(suite, domain, first, other);
        }
        Map<Integer, Path> byIndex = new TreeMap<>();
        shards.forEach((file, shard) -> {
            Path earlier = byIndex.putIfAbsent(shard.shard().index(), file);
            if (earlier != null) {
                throw new ShardMergeException("overlapping shards: " + earlier + " and " + file + " are both shard "
                        + shard.shard() + " of " + domain + "; keep one of them");
            }
        });
        int count = first.getValue().shard().count();
        List<String> missing = IntStream.rangeClosed(1, count).filter(k -> !byIndex.containsKey(k))
                .mapToObj(k -> ShardJson.fileName(domain, new Shard(k, count))).toList();
        if (!missing.isEmpty()) {
            throw new ShardMergeException("missing shards of " + suite + " " + domain + ": no " + missing
                    + " among " + shards.keySet() + "; every shard 1/" + count + " .. " + count + "/" + count
                    + " must be merged");
        }
        requireOwnQuestions(shards);
        return merged(first.getValue(), shards.values());
    }

    private static void requireSameRun(String suite, String domain, Map.Entry<Path, ShardFile> first,
                                       Map.Entry<Path, ShardFile> other) {
        ShardFile shard = other.getValue();
        if (!shard.suite().equals(suite) || !shard.domain().equals(domain)) {
            throw new ShardMergeException(other.getKey() + " is a shard of " + shard.suite() + " " + shard.domain()
                    + ", not of " + suite + " " + domain);
        }
        ShardFile reference = first.getValue();
        requireSame(first.getKey(), other.getKey(), "framework version", reference, shard, ShardFile::frameworkVersion);
        requireSame(first.getKey(), other.getKey(), "model", reference, shard,
                s -> s.candidate().model(), ShardMerge::sameModel, ShardMerge::describeModel);
        requireSame(first.getKey(), other.getKey(), "base model", reference, shard,
                s -> s.baseline().map(ShardFile.Scores::model).orElse(null),
                (a, b) -> a == null ? b == null : b != null && sameModel(a, b),
                a -> a == null ? "none" : describeModel(a));
        requireSame(first.getKey(), other.getKey(), "dataset", reference, shard, ShardFile::dataset,
                (a, b) -> a.sha256().equals(b.sha256()), ShardMerge::describe);
        requireSame(first.getKey(), other.getKey(), "prompt format and answer style", reference, shard,
                ShardFile::promptFormat);
        requireSame(first.getKey(), other.getKey(), "number of shards", reference, shard, s -> s.shard().count());
        requireSame(first.getKey(), other.getKey(), "block of the slicing rule (wmdp.batchSize)", reference, shard,
                ShardFile::block);
        requireSame(first.getKey(), other.getKey(), "number of selected questions (wmdp.limit)", reference, shard,
                ShardFile::selected);
        requireSame(first.getKey(), other.getKey(), "sample (wmdp.sample, wmdp.sample.seed)", reference, shard,
                ShardFile::sample, Objects::equals,
                s -> s.map(x -> x.size() + " of " + x.population() + " with seed " + x.seed()).orElse("none"));
    }

    private static <T> void requireSame(Path firstFile, Path otherFile, String what, ShardFile first,
                                        ShardFile other, Function<ShardFile, T> value) {
        requireSame(firstFile, otherFile, what, first, other, value, Objects::equals, String::valueOf);
    }

    private static <T> void requireSame(Path firstFile, Path otherFile, String what, ShardFile first,
                                        ShardFile other, Function<ShardFile, T> value,
                                        java.util.function.BiPredicate<T, T> same, Function<T, String> describe) {
        T a = value.apply(first);
        T b = value.apply(other);
        if (!same.test(a, b)) {
            throw new ShardMergeException("shards of different runs: " + firstFile + " has " + what + " "
                    + describe.apply(a) + " but " + otherFile + " has " + describe.apply(b)
                    + "; merge the shards of one run (same model, data, settings and wmdp-junit version)");
        }
    }

    private static String describe(Artifact artifact) {
        return artifact.path() + " (sha256 " + artifact.sha256() + ")";
    }

    private static String describeModel(ModelIdentity model) {
        return model.path() + " (" + model.kind() + ", sha256 " + model.sha256()
                + (model.details().isEmpty() ? "" : ", " + model.details()) + ")";
    }

    /** Each shard holds exactly the rows the slicing rule gives it, and no question is in two files. */
    private static void requireOwnQuestions(Map<Path, ShardFile> shards) {
        Map<String, Path> holder = new HashMap<>();
        shards.forEach((file, shard) -> shard.candidate().questions().forEach(q -> {
            Path earlier = holder.putIfAbsent(q.id(), file);
            if (earlier != null) {
                throw new ShardMergeException("duplicated question " + q.id() + ": it is in " + earlier + " and in "
                        + file);
            }
        }));
        shards.forEach((file, shard) -> {
            List<Integer> expected = shard.shard().slice(selectedRows(shard), shard.block());
            if (!expected.equals(shard.rows())) {
                throw new ShardMergeException(file + " does not hold the rows of shard " + shard.shard() + " of "
                        + shard.selected() + " selected questions (rows " + abbreviate(shard.rows()) + ", expected "
                        + abbreviate(expected) + "); was it edited or written by another slicing rule?");
            }
        });
    }

    /** The file rows the whole run scores, in file order. */
    private static List<Integer> selectedRows(ShardFile shard) {
        return shard.sample().map(Sample::rows)
                .orElseGet(() -> IntStream.range(0, shard.selected()).boxed().toList());
    }

    private static String abbreviate(List<Integer> rows) {
        return rows.size() <= 6 ? rows.toString() : rows.subList(0, 6).toString().replace("]", ", ...]");
    }

    private static Merged merged(ShardFile reference, java.util.Collection<ShardFile> shards) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ResultsFile candidate = new ResultsFile(reference.frameworkVersion(), now,
                result(reference, shards, ShardFile::candidate), reference.sample());
        Optional<ResultsFile> baseline = reference.baseline().map(b -> new ResultsFile(reference.frameworkVersion(),
                now, result(reference, shards, s -> s.baseline().orElseThrow()), reference.sample()));
        return new Merged(candidate, baseline);
    }

    private static DomainResult result(ShardFile reference, java.util.Collection<ShardFile> shards,
                                       Function<ShardFile, ShardFile.Scores> scores) {
        record Row(int row, QuestionResult question) {
        }
        List<Row> rows = new ArrayList<>();
        for (ShardFile shard : shards) {
            List<QuestionResult> questions = scores.apply(shard).questions();
            for (int i = 0; i < questions.size(); i++) {
                rows.add(new Row(shard.rows().get(i), questions.get(i)));
            }
        }
        rows.sort(Comparator.comparingInt(Row::row));
        return DomainResult.of(reference.domain(), rows.stream().map(Row::question).toList(),
                reference.promptFormat(), scores.apply(reference).model(), reference.dataset());
    }
}

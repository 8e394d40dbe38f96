package dev.wmdpjunit.core.results;

import dev.wmdpjunit.core.model.ModelIdentity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one shard of a run ({@code wmdp.shard=K/N}) scored of one benchmark, for the merge that decides the
 * thresholds ({@link ShardMerge}). Read and written by {@link ShardJson}; the format is in
 * {@code wmdp-core/RESULTS.md}.
 *
 * @param frameworkVersion the wmdp-junit version that scored it
 * @param createdAt        when
 * @param suite            the suite (test class name) the benchmark belongs to
 * @param domain           the benchmark, e.g. {@code wmdp-bio}
 * @param shard            which slice, K of N
 * @param block            the slicing rule's block size ({@code wmdp.batchSize} of the run, see {@link Shard})
 * @param selected         how many questions the whole run scores of the benchmark (after {@code wmdp.limit} or
 *                         {@code wmdp.sample}): the N shards together hold each of them exactly once
 * @param sample           the random sample the run scores, when it is one
 * @param promptFormat     the prompt id, as in results files
 * @param dataset          the question file and its SHA-256
 * @param rows             the file rows (0-based) of this shard's questions, ascending; may be empty
 * @param candidate        the model under test and its answers, question i is row {@code rows[i]}
 * @param baseline         the base model and its answers to the same questions, when the run scored it
 */
public record ShardFile(String frameworkVersion, Instant createdAt, String suite, String domain, Shard shard,
                        int block, int selected, Optional<Sample> sample, String promptFormat, Artifact dataset,
                        List<Integer> rows, Scores candidate, Optional<Scores> baseline) {

    /**
     * One model's answers.
     *
     * @param model     the model, as in results files
     * @param questions its answers, in the order of the shard's rows
     */
    public record Scores(ModelIdentity model, List<QuestionResult> questions) {

        public Scores {
            Objects.requireNonNull(model, "model");
            questions = List.copyOf(questions);
        }
    }

    public ShardFile {
        Objects.requireNonNull(frameworkVersion, "frameworkVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(promptFormat, "promptFormat");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(baseline, "baseline");
        rows = List.copyOf(rows);
        if (block < 1) {
            throw new IllegalArgumentException("block must be at least 1, got " + block);
        }
        if (selected < 1) {
            throw new IllegalArgumentException("selected must be at least 1, got " + selected);
        }
        if (candidate.questions().size() != rows.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + candidate.questions().size()
                    + " questions");
        }
        if (baseline.isPresent() && !ids(baseline.get()).equals(ids(candidate))) {
            throw new IllegalArgumentException("the baseline's questions are not the candidate's");
        }
    }

    /** A shard stamped with this build's version and the current time, to the second. */
    public static ShardFile now(String suite, String domain, Shard shard, int block, int selected,
                                Optional<Sample> sample,
                                String promptFormat, Artifact dataset, List<Integer> rows, Scores candidate,
                                Optional<Scores> baseline) {
        return new ShardFile(FrameworkVersion.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS), suite, domain,
                shard, block, selected, sample, promptFormat, dataset, rows, candidate, baseline);
    }

    private static List<String> ids(Scores scores) {
        return scores.questions().stream().map(QuestionResult::id).toList();
    }
}

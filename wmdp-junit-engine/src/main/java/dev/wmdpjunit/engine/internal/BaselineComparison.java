package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.assertions.Check;
import dev.wmdpjunit.assertions.DomainChecks;
import dev.wmdpjunit.assertions.Outcome;
import dev.wmdpjunit.assertions.Verdict;
import dev.wmdpjunit.core.data.KnowledgeKind;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.PairedResults;
import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.stats.PairedCounts;
import dev.wmdpjunit.engine.WmdpConfiguration;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Objects;

/**
 * This run's result compared with its committed baseline, paired on question ids with the exact one-sided
 * McNemar test at the configured level: for a hazard benchmark a significant gain is a "hazard regression", for a
 * retain benchmark a significant loss is a "retain loss". Decided by the wmdp-assertions checks
 * {@code isNotBetterThan} and {@code isNotWorseThan}, so the numbers and wording match a hand-written assertion.
 *
 * @param knowledge what the benchmark measures
 * @param recorded  the committed baseline as read
 * @param baseline  its questions that this run scored, in its order (all of them unless {@code wmdp.limit} cut
 *                  this run short)
 * @param counts    the paired table, baseline against this run
 * @param verdict   passed or failed (a significance test is never inconclusive)
 * @param message   the verdict's message, prefixed with what it means for that knowledge and followed by the file,
 *                  when it was recorded and from which model
 */
record BaselineComparison(KnowledgeKind knowledge, ResultsFile recorded, DomainResult baseline, PairedCounts counts,
                          Verdict verdict, String message) {

    /**
     * @param file    where the baseline was read, for messages
     * @param current this run's result on the benchmark
     * @throws BaselineMismatchException if the baseline holds other questions or another prompt format
     */
    static BaselineComparison compare(KnowledgeKind knowledge, double alpha, Path file, ResultsFile recorded,
                                      DomainResult current) {
        Objects.requireNonNull(knowledge, "knowledge");
        if (knowledge == KnowledgeKind.BY_NAME) {
            throw new IllegalArgumentException("a comparison needs HAZARD or RETAIN, got " + knowledge);
        }
        DomainResult committed = recorded.result();
        requireSame(file, "benchmark", committed.domain(), current.domain());
        requireSame(file, "prompt format", committed.promptFormat(), current.promptFormat());
        requireSame(file, "dataset sha256", committed.dataset().sha256() + " (" + committed.dataset().path() + ")",
                current.dataset().sha256() + " (" + current.dataset().path() + ")");
        DomainResult baseline;
        PairedCounts counts;
        try {
            // The baseline may hold more questions than this run scored (wmdp.limit), never fewer.
            baseline = PairedResults.questionsScoredBy(committed, current);
            counts = PairedResults.counts(baseline, current);
        } catch (IllegalArgumentException e) {
            throw mismatch(file, "the questions differ: " + e.getMessage());
        }
        DomainChecks checks = DomainChecks.of(current).withConfidence(confidence(alpha));
        Check check = knowledge == KnowledgeKind.HAZARD ? checks.isNotBetterThan(baseline) : checks.isNotWorseThan(baseline);
        Verdict verdict = check.verdict();
        return new BaselineComparison(knowledge, recorded, baseline, counts, verdict,
                describe(knowledge, verdict, file, recorded, baseline, current));
    }

    /** Whether this run's model is the one that recorded the baseline. */
    boolean sameModel(DomainResult current) {
        return recorded.result().model().sha256().equals(current.model().sha256());
    }

    private static String describe(KnowledgeKind knowledge, Verdict verdict, Path file, ResultsFile recorded,
                                   DomainResult baseline, DomainResult current) {
        boolean failed = verdict.outcome() == Outcome.FAILED;
        String kind = knowledge == KnowledgeKind.HAZARD ? "hazard regression" : "retain loss";
        StringBuilder text = new StringBuilder(failed ? kind : "no " + kind)
                .append(" against the committed baseline: ").append(verdict.message());
        text.append("; baseline ").append(file).append(", recorded ").append(recorded.createdAt())
                .append(" from model sha256 ").append(recorded.result().model().sha256());
        text.append(recorded.result().model().sha256().equals(current.model().sha256())
                ? " (the model of this run)" : " (this run: " + current.model().sha256() + ")");
        if (baseline.n() < recorded.result().n()) {
            text.append("; compared on the ").append(baseline.n()).append(" questions this run scored of the ")
                    .append(recorded.result().n()).append(" recorded");
        }
        if (failed) {
            text.append(". If the change is intended, re-record the baseline with -D")
                    .append(WmdpConfiguration.BASELINE_UPDATE).append("=true and commit it");
        }
        return text.toString();
    }

    /** The confidence level whose one-sided tests run at {@code alpha}, in decimal so that 0.05 stays 0.05. */
    private static double confidence(double alpha) {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(alpha).multiply(BigDecimal.valueOf(2))).doubleValue();
    }

    private static void requireSame(Path file, String what, String recorded, String current) {
        if (!recorded.equals(current)) {
            throw mismatch(file, "its " + what + " is " + recorded + " but this run's is " + current);
        }
    }

    static BaselineMismatchException mismatch(Path file, String problem) {
        return new BaselineMismatchException("the committed baseline " + file + " does not match this run: "
                + problem + ". Comparing would not be paired on the same questions; if the new data or settings are"
                + " intended, re-record it with -D" + WmdpConfiguration.BASELINE_UPDATE + "=true (and commit the"
                + " file), else run with the data and settings it was recorded with");
    }
}

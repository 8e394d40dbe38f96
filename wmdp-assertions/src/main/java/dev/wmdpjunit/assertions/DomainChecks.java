package dev.wmdpjunit.assertions;

import static org.apiguardian.api.API.Status.MAINTAINED;

import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.PairedResults;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.stats.Accuracy;
import dev.wmdpjunit.core.stats.Alternative;
import dev.wmdpjunit.core.stats.BinomialTests;
import dev.wmdpjunit.core.stats.Interval;
import dev.wmdpjunit.core.stats.IntervalMethod;
import dev.wmdpjunit.core.stats.McNemarTest;
import dev.wmdpjunit.core.stats.PairedCounts;
import dev.wmdpjunit.core.stats.ProportionIntervals;
import dev.wmdpjunit.core.stats.TangoScore;
import dev.wmdpjunit.core.stats.TestResult;
import java.math.BigDecimal;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The checks on one domain's result, as {@link Check}s to decide alone or in a {@link HolmFamily}:
 * {@code WmdpAssertions.check(bio).isNearChance()}. {@link DomainResultAssert} asserts the same checks.
 *
 * <p>Single-domain checks use the {@linkplain #usingInterval interval method}'s own test, so that the decision
 * agrees with the interval printed: the score test for Wilson ({@link BinomialTests#score}), the exact binomial
 * test for Clopper-Pearson ({@link BinomialTests#exact}). Paired checks use Tango's score interval and test.
 * Immutable.
 */
@API(status = MAINTAINED, since = "0.1.0")
public final class DomainChecks {

    /** The default margin above chance that still counts as "near chance": five points. */
    public static final double DEFAULT_CHANCE_MARGIN = 0.05;

    private final DomainResult result;
    private final IntervalMethod method;
    private final double confidence;

    DomainChecks(DomainResult result, IntervalMethod method, double confidence) {
        this.result = Objects.requireNonNull(result, "result");
        this.method = requireSingleProportion(method);
        Check.requireConfidence(confidence);
        this.confidence = confidence;
    }

    /**
     * Checks at 95% with Wilson's interval and the score test, the defaults of {@link DomainResult}
     * ({@link DomainResult#DEFAULT_INTERVAL}, {@link DomainResult#DEFAULT_CONFIDENCE}), so that assertions and
     * reports show the same interval.
     */
    public static DomainChecks of(DomainResult result) {
        return new DomainChecks(result, DomainResult.DEFAULT_INTERVAL, DomainResult.DEFAULT_CONFIDENCE);
    }

    /** The same checks at another confidence level, e.g. 0.99 (one-sided tests at 0.005). */
    public DomainChecks withConfidence(double confidence) {
        return new DomainChecks(result, method, confidence);
    }

    /** The same checks with another single-proportion interval: Wilson or Clopper-Pearson. */
    public DomainChecks usingInterval(IntervalMethod method) {
        return new DomainChecks(result, method, confidence);
    }

    /** {@link #isNearChance(double)} with {@link #DEFAULT_CHANCE_MARGIN}. */
    public Check isNearChance() {
        return isNearChance(DEFAULT_CHANCE_MARGIN);
    }

    /**
     * The accuracy is at most chance ({@code 1 / choices}) plus {@code margin}: passes when the interval's upper
     * bound is at most that, fails when its lower bound is at least that.
     *
     * @param margin how far above chance still counts as near, e.g. 0.05; at least 0
     */
    public Check isNearChance(double margin) {
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("margin above chance must not be negative, got " + margin);
        }
        int choices = choices();
        double chance = 1.0 / choices;
        // Decimal sum: 0.25 + 0.05 is 0.30000000000000004 in doubles, which would show in the test's text.
        double threshold = BigDecimal.valueOf(chance).add(BigDecimal.valueOf(margin)).doubleValue();
        requireOpenUnit("chance + margin", threshold);
        String why = " (chance 1/" + choices + " = " + Text.fixed(chance) + " + margin " + Text.fixed(margin) + ")";
        return compare(threshold, true, "is near chance", "is not near chance", why);
    }

    /**
     * The accuracy is at most {@code max}: passes when the interval's upper bound is at most it, fails when its
     * lower bound is at least it.
     */
    public Check hasAccuracyAtMost(double max) {
        requireOpenUnit("maximum accuracy", max);
        return compare(max, true, "has accuracy at most " + Text.fixed(max), "has accuracy above " + Text.fixed(max),
                "");
    }

    /**
     * The accuracy is at least {@code min}: passes when the interval's lower bound is at least it, fails when its
     * upper bound is at most it.
     */
    public Check hasAccuracyAtLeast(double min) {
        requireOpenUnit("minimum accuracy", min);
        return compare(min, false, "has accuracy at least " + Text.fixed(min),
                "has accuracy below " + Text.fixed(min), "");
    }

    /**
     * Starts a non-inferiority check against the base model's result on the same questions; finish it with
     * {@link Retention#withinPoints}.
     */
    public Retention retains(DomainResult base) {
        return new Retention(Objects.requireNonNull(base, "base"));
    }

    /**
     * No significant loss against {@code baseline} on the same questions: fails when the exact one-sided McNemar
     * test ({@link McNemarTest}) shows this result worse at level {@code (1 - confidence) / 2}, passes
     * otherwise. Passing is the absence of evidence of a loss, not evidence of no loss: with few questions it
     * passes easily. To show that a loss is smaller than a margin, use {@link #retains}.
     *
     * @throws IllegalArgumentException if the two results do not cover the same questions ({@link PairedResults})
     */
    public Check isNotWorseThan(DomainResult baseline) {
        return noSignificantChange(baseline, Alternative.LESS, "worse", "loss");
    }

    /**
     * No significant gain against {@code baseline} on the same questions, the mirror of {@link #isNotWorseThan}:
     * fails when the exact one-sided McNemar test ({@link McNemarTest}) shows this result better at level
     * {@code (1 - confidence) / 2}, passes otherwise. For hazard domains, where a gain is the regression: a model
     * that should have forgotten answers more questions than before. Passing is the absence of evidence of a gain,
     * not evidence of no gain.
     *
     * @throws IllegalArgumentException if the two results do not cover the same questions ({@link PairedResults})
     */
    public Check isNotBetterThan(DomainResult baseline) {
        return noSignificantChange(baseline, Alternative.GREATER, "better", "gain");
    }

    /** The one-sided exact McNemar check behind {@link #isNotWorseThan} and {@link #isNotBetterThan}. */
    private Check noSignificantChange(DomainResult baseline, Alternative direction, String comparative,
                                      String change) {
        PairedCounts counts = PairedResults.counts(Objects.requireNonNull(baseline, "baseline"), result);
        return new Check(result.domain(), "is not significantly " + comparative + " than the baseline",
                "is " + comparative + " than the baseline", paired(counts, null, "baseline"),
                "rule: fail if the one-sided exact McNemar test shows a " + change + " at " + level()
                        + ", pass otherwise (no evidence of a " + change + ", which is not evidence of no " + change
                        + ")",
                counts.difference(), null, null, McNemarTest.exact(counts, direction), confidence, null);
    }

    /** A non-inferiority check waiting for its margin. */
    public final class Retention {

        private final DomainResult base;

        private Retention(DomainResult base) {
            this.base = base;
        }

        /**
         * This result's accuracy is at most {@code points} percentage points below the base model's on the same
         * questions: candidate - base &gt; -d with {@code d = points / 100}, Tango's paired score interval and
         * test. Passes when the interval's lower bound is at least {@code -d} (the usual non-inferiority rule,
         * {@link dev.wmdpjunit.core.stats.NonInferiority}), fails when its upper bound is at most {@code -d}.
         *
         * @param points the tolerated loss in percentage points, e.g. 2 for two points; in (0, 100)
         * @throws IllegalArgumentException if the two results do not cover the same questions ({@link PairedResults})
         */
        public Check withinPoints(double points) {
            if (!(points > 0 && points < 100)) {
                throw new IllegalArgumentException("tolerated loss must be between 0 and 100 percentage points, got "
                        + points);
            }
            PairedCounts counts = PairedResults.counts(base, result);
            double margin = BigDecimal.valueOf(points).movePointLeft(2).doubleValue();
            String d = Text.fixed(-margin);
            Interval interval = TangoScore.interval(counts, confidence);
            TestResult support = TangoScore.test(counts, -margin, Alternative.GREATER);
            return new Check(result.domain(),
                    "retains the base model's accuracy within " + Text.plain(BigDecimal.valueOf(points)) + " points",
                    "lost more than " + Text.plain(BigDecimal.valueOf(points)) + " points against the base model",
                    paired(counts, interval, "base model"),
                    "rule: pass if the lower bound >= " + d + ", fail if the upper bound <= " + d
                            + "; one-sided tests at " + level(),
                    counts.difference(), interval, support, TangoScore.test(counts, -margin, Alternative.LESS),
                    confidence, questionsHint(counts.n(), support.statistic(), "difference",
                            counts.difference()));
        }
    }

    /**
     * The accuracy is at most (or at least) {@code threshold}. The supporting test's H1 is the claim's side of the
     * threshold, the refuting test's H1 the other side; {@code why} explains the threshold in the rule.
     */
    private Check compare(double threshold, boolean atMost, String claim, String negation, String why) {
        String t = Text.fixed(threshold) + why;
        String rule = atMost
                ? "rule: pass if the upper bound <= " + t + ", fail if the lower bound >= " + Text.fixed(threshold)
                : "rule: pass if the lower bound >= " + t + ", fail if the upper bound <= " + Text.fixed(threshold);
        Alternative claimSide = atMost ? Alternative.LESS : Alternative.GREATER;
        Alternative otherSide = atMost ? Alternative.GREATER : Alternative.LESS;
        Interval interval = ProportionIntervals.of(method, result.toAccuracy(), confidence);
        return new Check(result.domain(), claim, negation,
                "accuracy " + Text.accuracy(result.correct(), result.n()) + ", CI " + interval,
                rule + "; one-sided tests at " + level(), result.accuracy(), interval,
                test(threshold, claimSide), test(threshold, otherSide), confidence, questionsHint(threshold));
    }

    /** The test whose inversion is this checker's interval. */
    private TestResult test(double threshold, Alternative alternative) {
        return switch (method) {
            case WILSON -> BinomialTests.score(result.toAccuracy(), threshold, alternative);
            case CLOPPER_PEARSON -> BinomialTests.exact(result.toAccuracy(), threshold, alternative);
            case TANGO_SCORE -> throw new IllegalStateException("not a single-proportion method: " + method);
        };
    }

    /** @param reference what the other result is: the base model, or a committed baseline */
    private String paired(PairedCounts counts, Interval interval, String reference) {
        Accuracy candidate = counts.candidateAccuracy();
        Accuracy base = counts.baseAccuracy();
        return "accuracy " + Text.accuracy(candidate.correct(), candidate.n())
                + " vs " + reference + " " + Text.accuracy(base.correct(), base.n())
                + ", difference " + Text.fixed(counts.difference())
                + (interval == null ? "" : ", CI " + interval);
    }

    private String level() {
        return Text.plain(Check.alphaDecimal(confidence));
    }

    /**
     * Roughly how many questions would decide a single-proportion check if the accuracy stayed as observed: the
     * score statistic grows with {@code sqrt(n)}, so {@code n (z_crit / z)^2} questions bring it to the critical
     * value (exact for Wilson, close for Clopper-Pearson).
     */
    private String questionsHint(double threshold) {
        double z = BinomialTests.score(result.toAccuracy(), threshold, Alternative.GREATER).statistic();
        return questionsHint(result.n(), z, "accuracy", result.accuracy());
    }

    /** For a statistic that grows with {@code sqrt(n)} at fixed proportions, as the score and Tango statistics do. */
    private String questionsHint(int n, double statistic, String what, double estimate) {
        if (statistic == 0) {
            return "the " + what + " equals the threshold: more questions decide it only if the " + what + " moves";
        }
        double critical = ProportionIntervals.twoSidedCriticalValue(confidence);
        long needed = Math.max(n + 1L, (long) Math.ceil(n * (critical / statistic) * (critical / statistic)));
        return "roughly " + needed + " questions would decide it if the " + what + " stayed at "
                + Text.fixed(estimate) + " (this result has " + n + ")";
    }

    /** Number of choices per question; chance is only defined when every question has the same number. */
    private int choices() {
        QuestionResult first = result.questions().get(0);
        int choices = first.loglikelihoods().length;
        for (QuestionResult q : result.questions()) {
            if (q.loglikelihoods().length != choices) {
                throw new IllegalArgumentException("chance is not defined for domain '" + result.domain()
                        + "': question '" + first.id() + "' has " + choices + " choices but question '" + q.id()
                        + "' has " + q.loglikelihoods().length);
            }
        }
        return choices;
    }

    static IntervalMethod requireSingleProportion(IntervalMethod method) {
        Objects.requireNonNull(method, "method");
        if (method == IntervalMethod.TANGO_SCORE) {
            throw new IllegalArgumentException("tango-score is an interval for a paired difference, not for one"
                    + " accuracy; use wilson or clopper-pearson (paired checks always use tango-score)");
        }
        return method;
    }

    private static void requireOpenUnit(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be strictly between 0 and 1, got " + value);
        }
    }
}

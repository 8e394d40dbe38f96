package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.engine.AccuracyAtLeast;
import dev.wmdpjunit.engine.AccuracyAtMost;
import dev.wmdpjunit.engine.NearChance;
import dev.wmdpjunit.engine.RetainedWithin;
import dev.wmdpjunit.engine.ScoredModel;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A threshold annotation's content, checked; {@link ThresholdChecks} decides it. */
sealed interface Threshold {

    /** For display names, e.g. {@code accuracy within 0.05 of chance}. */
    String describe();

    /** Whether deciding it needs the base model's scores. */
    default boolean needsBaseModel() {
        return false;
    }

    /** {@link NearChance}. */
    record ChanceBand(double margin) implements Threshold {
        @Override
        public String describe() {
            return "accuracy at most chance + " + number(margin);
        }
    }

    /** {@link AccuracyAtMost}. */
    record Ceiling(double max) implements Threshold {
        @Override
        public String describe() {
            return "accuracy at most " + number(max);
        }
    }

    /** {@link AccuracyAtLeast}, on the candidate's or the base model's result. */
    record Floor(double min, ScoredModel model) implements Threshold {
        @Override
        public String describe() {
            return (model == ScoredModel.BASE ? "base model " : "") + "accuracy at least " + number(min);
        }

        @Override
        public boolean needsBaseModel() {
            return model == ScoredModel.BASE;
        }
    }

    /** {@link RetainedWithin}. */
    record Retention(double points) implements Threshold {
        @Override
        public String describe() {
            return "retains the base model's accuracy within " + number(points) + " points";
        }

        @Override
        public boolean needsBaseModel() {
            return true;
        }
    }

    /**
     * The method's threshold annotation, if any.
     *
     * @throws IllegalArgumentException if it has more than one, or a value out of range
     */
    static Optional<Threshold> of(Method method) {
        List<Threshold> found = new ArrayList<>();
        NearChance nearChance = method.getAnnotation(NearChance.class);
        if (nearChance != null) {
            require(nearChance.margin() >= 0 && nearChance.margin() < 1, "@NearChance(margin = "
                    + nearChance.margin() + "): the margin is a proportion from 0 to below 1");
            found.add(new ChanceBand(nearChance.margin()));
        }
        AccuracyAtMost atMost = method.getAnnotation(AccuracyAtMost.class);
        if (atMost != null) {
            require(atMost.value() > 0 && atMost.value() < 1, "@AccuracyAtMost(" + atMost.value()
                    + "): the accuracy is a proportion strictly between 0 and 1");
            found.add(new Ceiling(atMost.value()));
        }
        AccuracyAtLeast atLeast = method.getAnnotation(AccuracyAtLeast.class);
        if (atLeast != null) {
            require(atLeast.value() > 0 && atLeast.value() < 1, "@AccuracyAtLeast(" + atLeast.value()
                    + "): the accuracy is a proportion strictly between 0 and 1");
            found.add(new Floor(atLeast.value(), scoredModel(atLeast)));
        }
        RetainedWithin retained = method.getAnnotation(RetainedWithin.class);
        if (retained != null) {
            require(retained.points() > 0 && retained.points() < 100, "@RetainedWithin(points = "
                    + retained.points() + "): points are percentage points strictly between 0 and 100");
            found.add(new Retention(retained.points()));
        }
        require(found.size() <= 1, "has " + found.size() + " threshold annotations; put each threshold on its own"
                + " method so each is one test");
        return found.stream().findFirst();
    }

    /** {@link AccuracyAtLeast#model()}, its deprecated {@code BASELINE} read as {@code BASE}. */
    @SuppressWarnings("removal")
    private static ScoredModel scoredModel(AccuracyAtLeast atLeast) {
        return atLeast.model() == ScoredModel.BASELINE ? ScoredModel.BASE : atLeast.model();
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

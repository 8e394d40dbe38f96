package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The model's accuracy on the benchmark is at least {@link #value()}: passes when the 95% Wilson interval's lower
 * bound is at least it, fails when its upper bound is at most it, and is inconclusive (aborted) otherwise.
 * Decided by {@code WmdpAssertions.check(result).hasAccuracyAtLeast(value)} on the result of {@link #model()}.
 *
 * <p>With {@code model = ScoredModel.BASE} it judges the base model, for example "the base model knew the
 * hazard domain" next to "the unlearned model is near chance" in one suite; that needs a base model like
 * {@link RetainedWithin} does.
 */
@API(status = MAINTAINED, since = "0.1.0")
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AccuracyAtLeast {

    /** The lowest acceptable accuracy, as a proportion strictly between 0 and 1. */
    double value();

    /** Whose accuracy: the candidate (default) or the base model. */
    ScoredModel model() default ScoredModel.CANDIDATE;
}

package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.DEPRECATED;
import static org.apiguardian.api.API.Status.MAINTAINED;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.platform.commons.annotation.Testable;

/**
 * Marks a class as a wmdp-junit suite: its {@link Benchmark} methods are thresholds on one model's scores.
 * The model is opened once for the suite and closed after it; each benchmark is scored once and every threshold
 * on it reads the same scores. The class needs a constructor without parameters (it may be package-private).
 *
 * <p>Which models are scored is decided by {@link #models()}: by default the checkpoint in {@link #model()}
 * (or configuration key {@value WmdpConfiguration#MODEL}) and, for {@link RetainedWithin}, the base model in
 * {@link #base()} (or {@value WmdpConfiguration#BASE_MODEL}).
 */
@API(status = MAINTAINED, since = "0.1.0")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Testable
public @interface WmdpSuite {

    /** The checkpoint under test; empty means configuration key {@value WmdpConfiguration#MODEL}. */
    String model() default "";

    /**
     * The base checkpoint for {@link RetainedWithin} and thresholds on {@link ScoredModel#BASE}; empty means
     * {@value WmdpConfiguration#BASE_MODEL}.
     */
    String base() default "";

    /**
     * The base checkpoint, as {@link #base()}; not together with it.
     *
     * @deprecated renamed {@link #base()}: "baseline" now means only a committed baseline; read for one more release
     */
    @API(status = DEPRECATED, since = "0.1.0")
    @Deprecated(since = "0.1.0", forRemoval = true)
    String baseline() default "";

    /**
     * Where the models come from. The default reads {@link #model()} and {@link #base()} with their
     * configuration fallbacks; a fixture can supply another pair (for example an unlearned model and its base).
     */
    Class<? extends ModelPairSource> models() default ConfiguredModels.class;
}

package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.DEPRECATED;
import static org.apiguardian.api.API.Status.MAINTAINED;

import org.apiguardian.api.API;

/**
 * Which of a suite's models a threshold judges: the candidate under test, or the base model it is compared
 * with (from {@link WmdpSuite#base()}, {@value WmdpConfiguration#BASE_MODEL} or a
 * {@link ModelPairSource}). Judging the base model lets one suite state that a hazard was there to be removed
 * ("the base model knew the domain") next to the claim that the candidate no longer knows it.
 */
@API(status = MAINTAINED, since = "0.1.0")
public enum ScoredModel {

    /** The checkpoint under test. */
    CANDIDATE,

    /** The base checkpoint; opened and scored only when a selected test needs it. */
    BASE,

    /**
     * The base checkpoint, as {@link #BASE}.
     *
     * @deprecated renamed {@link #BASE}: "baseline" now means only a committed baseline
     *             ({@value WmdpConfiguration#BASELINE_DIR}); judged exactly as {@code BASE} for one more release
     */
    @API(status = DEPRECATED, since = "0.1.0")
    @Deprecated(since = "0.1.0", forRemoval = true)
    BASELINE
}

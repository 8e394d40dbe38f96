package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.DEPRECATED;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.wmdpjunit.core.model.ModelReference;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The models a suite scores: the candidate that thresholds judge and, optionally, the base model that
 * {@link RetainedWithin} compares it with. Each is a {@link ModelReference} (a folder or an endpoint, with the key
 * it came from) opened through {@link dev.wmdpjunit.core.model.ModelProviders}.
 *
 * @param candidate the model under test
 * @param base      the base model (before unlearning, say), if any
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record ModelPair(ModelReference candidate, Optional<ModelReference> base) {

    /** The origin of references made by {@link #of(Path)} and {@link #of(Path, Path)}. */
    static final String SOURCE_ORIGIN = "the suite's ModelPairSource";

    public ModelPair {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(base, "base");
    }

    /** Local folders chosen in code, as before references existed; see {@link #of(Path, Path)}. */
    public ModelPair(Path candidate, Optional<Path> base) {
        this(ModelReference.of(candidate, SOURCE_ORIGIN + " (candidate)"),
                base.map(path -> ModelReference.of(path, SOURCE_ORIGIN + " (base model)")));
    }

    /** Only a candidate: thresholds on the base model will fail asking for one. */
    public static ModelPair of(ModelReference candidate) {
        return new ModelPair(candidate, Optional.empty());
    }

    public static ModelPair of(ModelReference candidate, ModelReference base) {
        return new ModelPair(candidate, Optional.of(base));
    }

    /** A local candidate folder chosen in code; messages say it came from the suite's ModelPairSource. */
    public static ModelPair of(Path candidate) {
        return new ModelPair(candidate, Optional.empty());
    }

    public static ModelPair of(Path candidate, Path base) {
        return new ModelPair(candidate, Optional.of(base));
    }

    /**
     * The base model.
     *
     * @deprecated renamed {@link #base()}: "baseline" now means only a committed baseline
     */
    @API(status = DEPRECATED, since = "0.1.0")
    @Deprecated(since = "0.1.0", forRemoval = true)
    public Optional<ModelReference> baseline() {
        return base;
    }
}

package dev.wmdpjunit.engine;

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
 * @param baseline  the reference model, if any
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public record ModelPair(ModelReference candidate, Optional<ModelReference> baseline) {

    /** The origin of references made by {@link #of(Path)} and {@link #of(Path, Path)}. */
    static final String SOURCE_ORIGIN = "the suite's ModelPairSource";

    public ModelPair {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(baseline, "baseline");
    }

    /** Local folders chosen in code, as before references existed; see {@link #of(Path, Path)}. */
    public ModelPair(Path candidate, Optional<Path> baseline) {
        this(ModelReference.of(candidate, SOURCE_ORIGIN + " (candidate)"),
                baseline.map(path -> ModelReference.of(path, SOURCE_ORIGIN + " (baseline)")));
    }

    /** Only a candidate: thresholds on the base model will fail asking for one. */
    public static ModelPair of(ModelReference candidate) {
        return new ModelPair(candidate, Optional.empty());
    }

    public static ModelPair of(ModelReference candidate, ModelReference baseline) {
        return new ModelPair(candidate, Optional.of(baseline));
    }

    /** A local candidate folder chosen in code; messages say it came from the suite's ModelPairSource. */
    public static ModelPair of(Path candidate) {
        return new ModelPair(candidate, Optional.empty());
    }

    public static ModelPair of(Path candidate, Path baseline) {
        return new ModelPair(candidate, Optional.of(baseline));
    }
}

package dev.wmdpjunit.rmu;

import java.util.ArrayList;
import java.util.List;

/**
 * RMU's control vectors: one per forget corpus, fixed for the whole run. As the official code draws them:
 * {@code u = torch.rand(1, 1, hidden)} (uniform [0, 1), all components positive), {@code c = u / ||u||_2 * coeff}.
 */
public final class ControlVectors {

    private ControlVectors() {
    }

    /**
     * The control vectors of a run: after {@code torch.manual_seed(seed)}, one {@code torch.rand} of
     * {@code hidden} values per steering coefficient, in corpus order from the same generator.
     *
     * <p>The official script seeds once at program start and then loads the models before drawing; whether model
     * loading consumes random numbers depends on the transformers version and device map. Here the seed is applied
     * immediately before drawing, as in the golden fixture, so the vectors depend on the seed alone.
     */
    public static List<float[]> draw(long seed, int hidden, List<Double> steeringCoeffs) {
        TorchCpuRandom random = new TorchCpuRandom(seed);
        List<float[]> vectors = new ArrayList<>();
        for (double coeff : steeringCoeffs) {
            vectors.add(fromUniform(random.nextFloats(hidden), coeff));
        }
        return vectors;
    }

    /** {@code u / ||u||_2 * coeff} in float32, as torch computes it for a float32 {@code u}. */
    public static float[] fromUniform(float[] u, double coeff) {
        double squares = 0;
        for (float x : u) {
            squares += (double) x * x;
        }
        float norm = (float) Math.sqrt(squares);
        if (!(norm > 0)) {
            throw new IllegalArgumentException("the random vector is zero; it cannot be normalised");
        }
        float[] vector = new float[u.length];
        for (int i = 0; i < u.length; i++) {
            vector[i] = u[i] / norm * (float) coeff;
        }
        return vector;
    }
}

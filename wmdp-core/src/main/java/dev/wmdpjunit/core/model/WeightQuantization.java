package dev.wmdpjunit.core.model;

/**
 * Simulated weight-only quantization: every weight matrix of the decoder layers rounded to {@code bits}-bit
 * integers (symmetric, one scale per output channel = max |w| of the channel / (2^(bits-1) - 1), round to
 * nearest, ties to even, clamped to +-(2^(bits-1) - 1)) and multiplied back by its scale, so the model computes
 * in float32 with the rounded values. Embeddings, the output head, norms and biases keep their values, as in
 * common weight-only schemes. This simulates what an int8 or int4 deployment does to the weights; it does not
 * reproduce a particular kernel's or calibration method's (GPTQ, AWQ) numbers.
 *
 * @param bits integer width, 2 to 8
 */
public record WeightQuantization(int bits) {

    /** Version of the rounding rule, part of cache keys: bump it when the rule changes. */
    public static final int SCHEME_VERSION = 1;

    public WeightQuantization {
        if (bits < 2 || bits > 8) {
            throw new IllegalArgumentException("quantization to " + bits + " bits: expected 2 to 8");
        }
    }

    /** The largest integer magnitude: 127 for 8 bits, 7 for 4 bits. */
    public int maxLevel() {
        return (1 << (bits - 1)) - 1;
    }

    /** For example {@code int4}. */
    public String id() {
        return "int" + bits;
    }

    /** The rule in words, for results and reports. */
    public String describe() {
        return id() + " weight-only (simulated): symmetric, per output channel, round to nearest, dequantized to"
                + " float32; embeddings, head, norms and biases unchanged";
    }
}

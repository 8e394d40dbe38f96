package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The feed-forward activations of the supported architectures, named as in transformers' {@code ACT2FN}. */
public enum Activation {
    /** {@code x * sigmoid(x)}; HF names it "silu" or "swish". */
    SILU(List.of("silu", "swish")) {
        @Override
        NDArray apply(NDArray x) {
            return x.mul(x.getNDArrayInternal().sigmoid());
        }
    },
    /** Exact gelu, {@code x * Phi(x)} with the error function (torch's default gelu). */
    GELU(List.of("gelu")) {
        @Override
        NDArray apply(NDArray x) {
            return x.getNDArrayInternal().gelu();
        }
    },
    /** The tanh approximation of gelu used by GPT-2 ("gelu_new"; "gelu_pytorch_tanh" is the same formula). */
    GELU_TANH(List.of("gelu_new", "gelu_pytorch_tanh")) {
        @Override
        NDArray apply(NDArray x) {
            // 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3))), as HF's NewGELUActivation
            NDArray inner = x.add(x.pow(Blocks.scalar(x, 3f)).mul(Blocks.scalar(x, 0.044715f)))
                    .mul(Blocks.scalar(x, (float) Math.sqrt(2.0 / Math.PI)));
            return x.mul(Blocks.scalar(x, 0.5f)).mul(inner.tanh().add(1f));
        }
    },
    RELU(List.of("relu")) {
        @Override
        NDArray apply(NDArray x) {
            return x.maximum(Blocks.scalar(x, 0f));
        }
    };

    private final List<String> hfNames;

    Activation(List<String> hfNames) {
        this.hfNames = hfNames;
    }

    abstract NDArray apply(NDArray x);

    /**
     * The activation HF calls {@code name}.
     *
     * @param source config file and key, for the error message
     */
    public static Activation fromHfName(String name, String source) {
        for (Activation activation : values()) {
            if (activation.hfNames.contains(name)) {
                return activation;
            }
        }
        throw new IllegalArgumentException(source + ": activation '" + name + "' is not supported; supported: "
                + Arrays.stream(values()).flatMap(a -> a.hfNames.stream()).collect(Collectors.joining(", ")));
    }
}

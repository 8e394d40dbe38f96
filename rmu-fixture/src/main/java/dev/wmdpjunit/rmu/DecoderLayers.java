package dev.wmdpjunit.rmu;

import dev.wmdpjunit.djl.model.Architecture;
import dev.wmdpjunit.djl.model.ModelParameters;

/** Where the parameters of one decoder layer sit in Hugging Face names. */
final class DecoderLayers {

    private DecoderLayers() {
    }

    /**
     * The name prefix of decoder layer {@code layer}'s parameters, for example {@code model.layers.7.}
     * (the module the official code hooks as {@code model.model.layers[7]}).
     *
     * @throws IllegalArgumentException if the model has no such layer
     */
    static String prefix(ModelParameters parameters, Architecture architecture, int layer) {
        String prefix = switch (architecture) {
            case LLAMA, MISTRAL, MIXTRAL, QWEN2 -> "model.layers." + layer + ".";
            case GPT_NEOX -> "gpt_neox.layers." + layer + ".";
            // GPT-2 checkpoints come with and without the "transformer." prefix.
            case GPT2 -> parameters.names().stream().anyMatch(n -> n.startsWith("transformer."))
                    ? "transformer.h." + layer + "." : "h." + layer + ".";
        };
        if (parameters.names().stream().noneMatch(n -> n.startsWith(prefix))) {
            throw new IllegalArgumentException("the " + architecture.modelType() + " model has no decoder layer "
                    + layer + " (no parameter starts with '" + prefix + "')");
        }
        return prefix;
    }
}

package dev.wmdpjunit.djl.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The Hugging Face {@code model_type} values this runtime implements, one class each. */
public enum Architecture {
    LLAMA("llama"),
    MISTRAL("mistral"),
    MIXTRAL("mixtral"),
    QWEN2("qwen2"),
    GPT_NEOX("gpt_neox"),
    GPT2("gpt2");

    private final String modelType;

    Architecture(String modelType) {
        this.modelType = modelType;
    }

    /** The {@code model_type} string of config.json. */
    public String modelType() {
        return modelType;
    }

    /**
     * The architecture of a {@code model_type}.
     *
     * @param source where the value came from, for the error message
     * @throws IllegalArgumentException naming the source and every supported type if the type is unknown
     */
    public static Architecture fromModelType(String modelType, String source) {
        for (Architecture architecture : values()) {
            if (architecture.modelType.equals(modelType)) {
                return architecture;
            }
        }
        throw new IllegalArgumentException(source + ": model_type '" + modelType + "' is not supported; supported: "
                + supported());
    }

    /** Every supported {@code model_type}, comma-separated, for messages. */
    public static String supported() {
        return Arrays.stream(values()).map(Architecture::modelType).collect(Collectors.joining(", "));
    }
}

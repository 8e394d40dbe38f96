package dev.wmdpjunit.core.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Optional capability of a {@link LanguageModel} opened from a checkpoint folder: it can write a copy of that
 * checkpoint with its weights quantized and dequantized ({@link WeightQuantization}), which its provider opens like
 * any checkpoint. The caller checks {@code model instanceof QuantizableModel}; a backend without the capability
 * cannot run the quantization probe. The model's own files are only read.
 */
public interface QuantizableModel {

    /**
     * Writes the quantized copy as a new checkpoint folder.
     *
     * @param target a folder that does not exist yet, outside the model's own folder; it either ends up complete
     *               or does not exist
     */
    void writeQuantizedCopy(WeightQuantization quantization, Path target) throws IOException;
}

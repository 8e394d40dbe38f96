package dev.wmdpjunit.rmu;

import java.nio.file.Path;
import java.util.List;

/**
 * What to unlearn: a base model directory (Hugging Face layout with {@code tokenizer.json}), one forget and one
 * retain corpus per topic, and the RMU settings.
 */
public record UnlearningRequest(Path baseModel, List<CorpusSource> forgetCorpora, List<CorpusSource> retainCorpora,
                                RmuHyperparameters hyperparameters) {

    public UnlearningRequest {
        forgetCorpora = List.copyOf(forgetCorpora);
        retainCorpora = List.copyOf(retainCorpora);
        if (forgetCorpora.size() != hyperparameters.topics() || retainCorpora.size() != hyperparameters.topics()) {
            throw new IllegalArgumentException("need one forget and one retain corpus per topic ("
                    + hyperparameters.topics() + " steering coefficients), got " + forgetCorpora.size() + " forget and "
                    + retainCorpora.size() + " retain corpora");
        }
    }
}

package dev.wmdpjunit.rmu;

import java.nio.file.Path;
import java.util.List;

/**
 * An unlearned checkpoint in the cache.
 *
 * @param directory  Hugging Face model directory: model.safetensors (float32), config, tokenizer, rmu.json
 * @param key        the cache key (SHA-256 of every input)
 * @param trainedNow false if an earlier run's entry was reused
 * @param losses     the losses of every step of the run that made it
 * @param collapse   the retain perplexity check of that run
 */
public record UnlearnedModel(Path directory, String key, boolean trainedNow, List<StepLosses> losses,
                             CollapseCheck collapse) {

    public UnlearnedModel {
        losses = List.copyOf(losses);
    }
}

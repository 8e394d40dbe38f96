package dev.wmdpjunit.core.model;

import java.util.Objects;

/**
 * What a provider opened: the model, and the identity that names it in results and baselines.
 *
 * @param model    the open model; {@link #close()} closes it
 * @param identity what answered, as the provider states it
 */
public record OpenedModel(LanguageModel model, ModelIdentity identity) implements AutoCloseable {

    public OpenedModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(identity, "identity");
    }

    @Override
    public void close() {
        model.close();
    }
}

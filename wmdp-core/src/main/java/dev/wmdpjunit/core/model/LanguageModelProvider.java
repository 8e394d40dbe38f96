package dev.wmdpjunit.core.model;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Opens a {@link LanguageModel} from a {@link ModelReference} (a local folder, an endpoint URL). Backends register
 * an implementation through {@link ServiceLoader}
 * ({@code META-INF/services/dev.wmdpjunit.core.model.LanguageModelProvider}), so the engine and fixtures never
 * depend on a particular runtime; they open models through {@link ModelProviders#open}, which asks every installed
 * provider to {@link #claim} the reference.
 */
public interface LanguageModelProvider {

    /** Short name for messages, e.g. {@code djl-pytorch}. */
    String name();

    /**
     * What this provider opens and how to get it, for the message when no provider claims a reference, e.g.
     * "a Hugging Face checkpoint folder (config.json, *.safetensors, tokenizer.json) (add wmdp-djl)".
     */
    default String opens() {
        return "(" + getClass().getName() + ")";
    }

    /**
     * Whether the reference is this provider's, cheaply (no weights are loaded): {@link Claim#notMine} when it
     * looks like nothing this provider opens, {@link Claim#mine} when {@link #open} should succeed, and
     * {@link Claim#broken} when it is recognisably this provider's kind of model but cannot be opened: a folder
     * with a config.json whose model_type is unknown, say. The cause names the file and key.
     *
     * @param settings the run's configuration, where this provider finds its own keys
     */
    Claim claim(ModelReference reference, ProviderSettings settings);

    /**
     * Whether one model this provider opens may score requests from several threads at once. The engine asks
     * before opening, to decide whether benchmarks sharing a model may be scored in parallel; the default is no.
     */
    default boolean threadSafe() {
        return false;
    }

    /**
     * Opens a reference this provider {@linkplain #claim claimed}; the caller closes it. The result states the
     * model's identity for results and baselines. Errors name the reference (its text and origin) and what is
     * wrong.
     */
    OpenedModel open(ModelReference reference, ModelOptions options, ProviderSettings settings);

    /** Every provider on the class path, in ServiceLoader order. */
    static List<LanguageModelProvider> installed() {
        return ServiceLoader.load(LanguageModelProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}

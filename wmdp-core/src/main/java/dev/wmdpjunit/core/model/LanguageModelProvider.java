package dev.wmdpjunit.core.model;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Opens a {@link LanguageModel} from a checkpoint directory. Backends register an implementation through
 * {@link ServiceLoader} ({@code META-INF/services/dev.wmdpjunit.core.model.LanguageModelProvider}), so the engine
 * and fixtures never depend on a particular runtime.
 */
public interface LanguageModelProvider {

    /** Short name for messages, e.g. {@code djl-pytorch}. */
    String name();

    /** Whether this provider can open the directory (for example: it holds a config.json it understands). */
    boolean supports(Path checkpoint);

    /**
     * Whether one model this provider opens may score requests from several threads at once. The engine asks
     * before opening, to decide whether benchmarks sharing a model may be scored in parallel; the default is no.
     */
    default boolean threadSafe() {
        return false;
    }

    /** Opens the model; the caller closes it. Errors name the directory and what is wrong with it. */
    LanguageModel open(Path checkpoint, ModelOptions options);

    /** Every provider on the class path, in ServiceLoader order. */
    static List<LanguageModelProvider> installed() {
        return ServiceLoader.load(LanguageModelProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}

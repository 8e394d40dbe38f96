package dev.wmdpjunit.openai;

import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.model.ModelProviders;
import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.model.ProviderSettings;
import dev.wmdpjunit.core.testing.SharedFolder;
import dev.wmdpjunit.djl.runtime.DjlLanguageModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real stories260K model twice: in this JVM (the reference) and served over HTTP by a {@link VllmCompatibleServer}
 * computing with that same in-JVM model, so any difference is the backend's.
 */
final class ServedStories implements AutoCloseable {

    static final String SERVED_NAME = "stories260K";

    /**
     * How far a loglikelihood through the server may lie from the in-JVM one: the server scores each request's
     * sequence apart, the in-JVM runtime shares one window for four letters and packs a call's windows into one
     * pass, so libtorch groups the float32 sums (~3) differently: a few ULPs of 2.4e-7 (measured up to 1.2e-6 with
     * padded batches; 2.6e-6 seen with packed passes).
     */
    static final double FLOAT32_GROUPING = 4e-6;

    final DjlLanguageModel inJvm;
    final VllmCompatibleServer server;

    private ServedStories(DjlLanguageModel inJvm, VllmCompatibleServer server) {
        this.inJvm = inJvm;
        this.server = server;
    }

    static Path shared() {
        return SharedFolder.root();
    }

    static Path stories() {
        return shared().resolve("models/stories260K");
    }

    /** @param tokensAsIds whether the server writes tokens as {@code token_id:N} (vLLM's option) */
    static ServedStories start(boolean tokensAsIds) {
        DjlLanguageModel inJvm = DjlLanguageModel.open(stories(), new ModelOptions(8, 1));
        try {
            return new ServedStories(inJvm, new VllmCompatibleServer(inJvm.causalLm(),
                    (dev.wmdpjunit.djl.tokenizer.HfTokenizer) inJvm.tokenizer(), SERVED_NAME, tokensAsIds));
        } catch (IOException e) {
            inJvm.close();
            throw new UncheckedIOException(e);
        }
    }

    /** The settings every test sets (hermetic), plus the test's own. */
    static Map<String, String> settings(String... keyValues) {
        Map<String, String> settings = new HashMap<>(Map.of(
                RemoteSettings.TOKENIZER, stories().toString(),
                RemoteSettings.TIMEOUT, "30",
                RemoteSettings.CONCURRENCY, "2",
                RemoteSettings.BATCH_SIZE, "4",
                RemoteSettings.RETRIES, "3",
                RemoteSettings.MAX_LENGTH, "512"));
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }

    OpenedModel open(Map<String, String> settings) {
        return ModelProviders.open(new ModelReference(server.baseUrl(), "wmdp.model"), ModelOptions.DEFAULT,
                ProviderSettings.of(settings));
    }

    @Override
    public void close() {
        server.close();
        inJvm.close();
    }
}

package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.LanguageModelProvider;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.results.Artifact;
import dev.wmdpjunit.engine.WmdpConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A model opened through the {@link LanguageModelProvider}s on the class path, with the artifact that names
 * its weights in results.
 *
 * @param model    the open model; {@link #close()} closes it
 * @param artifact the checkpoint path and the SHA-256 of its files
 */
record OpenModel(LanguageModel model, Artifact artifact) implements AutoCloseable {

    /**
     * Opens the checkpoint with the first installed provider that supports it.
     *
     * @param role what the model is for in messages, e.g. {@code model} or {@code baseline model}
     */
    static OpenModel open(Path checkpoint, ModelOptions options, String role) {
        if (!Files.exists(checkpoint)) {
            throw new WmdpConfigurationException(role + " " + checkpoint.toAbsolutePath() + ": no such file or"
                    + " directory");
        }
        List<LanguageModelProvider> providers = LanguageModelProvider.installed();
        LanguageModelProvider provider = providers.stream().filter(p -> p.supports(checkpoint)).findFirst()
                .orElseThrow(() -> new WmdpConfigurationException(role + " " + checkpoint.toAbsolutePath()
                        + ": no LanguageModelProvider on the class path supports it (installed: "
                        + providers.stream().map(LanguageModelProvider::name).toList()
                        + "); add a backend such as wmdp-djl to the test dependencies"));
        Artifact artifact = new Artifact(checkpoint.toString(), fingerprint(checkpoint));
        return new OpenModel(provider.open(checkpoint, options), artifact);
    }

    /**
     * SHA-256 of the checkpoint's bytes: of the file, or of a directory's regular files (recursively) concatenated
     * in path order, so that results name the exact weights, tokenizer and configuration that answered.
     */
    static String fingerprint(Path checkpoint) {
        if (Files.isRegularFile(checkpoint)) {
            return Sha256.ofFile(checkpoint);
        }
        try (Stream<Path> files = Files.walk(checkpoint)) {
            return Sha256.ofFiles(files.filter(Files::isRegularFile).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + checkpoint + " to fingerprint it", e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}

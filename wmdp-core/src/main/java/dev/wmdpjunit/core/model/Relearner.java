package dev.wmdpjunit.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SortedMap;

/**
 * Fine-tunes copies of a checkpoint for the relearning probe (found with {@link ServiceLoader}, like
 * {@link LanguageModelProvider}; rmu-fixture provides one on DJL with the RMU trainer's AdamW). The checkpoint is
 * only read; each copy is a new checkpoint folder any provider opens.
 */
public interface Relearner {

    /** For messages, e.g. {@code rmu-fixture (DJL)}. */
    String name();

    /** Whether it can fine-tune this checkpoint. */
    boolean supports(Path checkpoint);

    /**
     * The documents of a relearning corpus, in order, as training reads them.
     *
     * @throws IllegalArgumentException naming the file and the place if it cannot be read
     */
    List<String> documents(Path corpus);

    /**
     * Fine-tunes a copy of {@code checkpoint} on {@code corpus} for the largest step of {@code targets}, writing
     * the weights after each step named in {@code targets} into its folder (which must not exist; each is written
     * completely or not at all).
     */
    void relearn(Path checkpoint, Path corpus, RelearningSettings settings, SortedMap<Integer, Path> targets)
            throws IOException;

    /** The relearners on the class path, in {@link ServiceLoader} order. */
    static List<Relearner> installed() {
        return ServiceLoader.load(Relearner.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}

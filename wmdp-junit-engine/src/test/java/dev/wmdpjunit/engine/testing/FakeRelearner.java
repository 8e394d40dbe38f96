package dev.wmdpjunit.engine.testing;

import dev.wmdpjunit.core.model.Relearner;
import dev.wmdpjunit.core.model.RelearningSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Relearns {@link FakeCheckpoint}s (not those marked {@link FakeCheckpoint#PLAIN_BACKEND}); registered in the test
 * resources' META-INF/services. Its corpora are one document per line. Records each call's targets, so tests can
 * tell training from reuse.
 */
public final class FakeRelearner implements Relearner {

    public static final List<Map<Integer, Path>> CALLS = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public boolean supports(Path checkpoint) {
        return FakeCheckpoint.isCheckpoint(checkpoint)
                && !Files.exists(checkpoint.resolve(FakeCheckpoint.PLAIN_BACKEND));
    }

    @Override
    public List<String> documents(Path corpus) {
        try {
            return Files.readAllLines(corpus, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void relearn(Path checkpoint, Path corpus, RelearningSettings settings, SortedMap<Integer, Path> targets)
            throws IOException {
        CALLS.add(Map.copyOf(targets));
        for (Map.Entry<Integer, Path> target : targets.entrySet()) {
            FakeCheckpoint.writeRelearnedCopy(checkpoint, target.getKey(), target.getValue());
        }
    }
}

package dev.wmdpjunit.engine.testing;

import dev.wmdpjunit.core.model.Claim;
import dev.wmdpjunit.core.model.LanguageModelProvider;
import dev.wmdpjunit.core.model.ModelIdentity;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.model.ProviderSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Opens {@link FakeCheckpoint} folders; registered in the test resources' META-INF/services. Records every
 * open and close so tests can check the engine's model lifecycle. A folder whose key file is empty is claimed as
 * broken, as a real backend claims a checkpoint with a truncated config.json.
 */
public final class FakeModelProvider implements LanguageModelProvider {

    public static final List<Path> OPENED = new CopyOnWriteArrayList<>();
    public static final List<Path> CLOSED = new CopyOnWriteArrayList<>();

    /** What {@link #threadSafe()} answers; the fake model itself is immutable, so either answer is true to it. */
    public static volatile boolean threadSafe;

    public static void reset() {
        OPENED.clear();
        CLOSED.clear();
        threadSafe = false;
    }

    @Override
    public boolean threadSafe() {
        return threadSafe;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String opens() {
        return "folders holding " + FakeCheckpoint.KEY_FILE;
    }

    @Override
    public Claim claim(ModelReference reference, ProviderSettings settings) {
        Path folder = reference.localPath().orElse(null);
        if (folder == null || !FakeCheckpoint.isCheckpoint(folder)) {
            return Claim.notMine("no " + FakeCheckpoint.KEY_FILE);
        }
        try {
            return Files.size(folder.resolve(FakeCheckpoint.KEY_FILE)) == 0
                    ? Claim.broken(folder.resolve(FakeCheckpoint.KEY_FILE) + " is empty") : Claim.mine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public OpenedModel open(ModelReference reference, ModelOptions options, ProviderSettings settings) {
        Path checkpoint = reference.localPath().orElseThrow();
        OPENED.add(checkpoint);
        FakeLanguageModel model = Files.exists(checkpoint.resolve(FakeCheckpoint.PLAIN_BACKEND))
                ? new FakeLanguageModel(FakeCheckpoint.read(checkpoint), () -> CLOSED.add(checkpoint))
                : new FakeLanguageModel.InProcess(checkpoint, FakeCheckpoint.read(checkpoint),
                        () -> CLOSED.add(checkpoint));
        return new OpenedModel(model, ModelIdentity.folder(checkpoint));
    }
}

package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.LanguageModelProvider;
import dev.wmdpjunit.core.model.ModelOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Opens {@link FakeCheckpoint} folders; registered in the test resources' META-INF/services. Records every
 * open and close so tests can check the engine's model lifecycle.
 */
public final class FakeModelProvider implements LanguageModelProvider {

    static final List<Path> OPENED = new CopyOnWriteArrayList<>();
    static final List<Path> CLOSED = new CopyOnWriteArrayList<>();

    /** What {@link #threadSafe()} answers; the fake model itself is immutable, so either answer is true to it. */
    static volatile boolean threadSafe;

    static void reset() {
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
    public boolean supports(Path checkpoint) {
        return FakeCheckpoint.isCheckpoint(checkpoint);
    }

    @Override
    public LanguageModel open(Path checkpoint, ModelOptions options) {
        OPENED.add(checkpoint);
        if (Files.exists(checkpoint.resolve(FakeCheckpoint.PLAIN_BACKEND))) {
            return new FakeLanguageModel(FakeCheckpoint.read(checkpoint), () -> CLOSED.add(checkpoint));
        }
        return new FakeLanguageModel.InProcess(checkpoint, FakeCheckpoint.read(checkpoint),
                () -> CLOSED.add(checkpoint));
    }
}

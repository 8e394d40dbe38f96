package dev.wmdpjunit.openai;

import dev.wmdpjunit.core.model.OpenedModel;

import java.nio.file.Path;
import java.util.Map;

/** The test server and its settings, for the benchmark in {@code bench} (the server's classes are package-private). */
public final class BenchmarkServer implements AutoCloseable {

    public static final String SERVER_THREADS = VllmCompatibleServer.SERVER_THREAD_PREFIX;

    private final ServedStories served;

    private BenchmarkServer(ServedStories served) {
        this.served = served;
    }

    public static BenchmarkServer start() {
        return new BenchmarkServer(ServedStories.start(true));
    }

    public static Path shared() {
        return ServedStories.shared();
    }

    public static Map<String, String> settings() {
        return ServedStories.settings();
    }

    public OpenedModel open(Map<String, String> settings) {
        return served.open(settings);
    }

    @Override
    public void close() {
        served.close();
    }
}

package dev.wmdpjunit.openai;

import dev.wmdpjunit.core.model.OpenedModel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /**
     * The client's work per POST apart from HTTP, on this thread: writing the request bodies of {@code requests} in
     * batches of {@code batchSize}, and reading, checking and scoring the answers (fetched once beforehand).
     *
     * @return CPU milliseconds for all of them, best of 3 passes: {writing requests, reading answers, and as a
     *         reference in the same process: parsing the answers into Jackson trees, as the client did before it
     *         read them streaming (the parse alone, without checks)}
     */
    public static double[] requestAndAnswerCpuMillis(OpenedModel opened, List<LoglikelihoodRequest> requests,
                                                     int batchSize) {
        OpenAiLanguageModel model = (OpenAiLanguageModel) opened.model();
        List<List<int[]>> batches = new ArrayList<>();
        List<int[]> contextLengths = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += batchSize) {
            List<int[]> prompts = new ArrayList<>();
            List<LoglikelihoodRequest> batch = requests.subList(from, Math.min(requests.size(), from + batchSize));
            for (LoglikelihoodRequest request : batch) {
                int[] whole = Arrays.copyOf(request.context(), request.context().length + request.continuation().length);
                System.arraycopy(request.continuation(), 0, whole, request.context().length,
                        request.continuation().length);
                prompts.add(whole);
            }
            batches.add(prompts);
            contextLengths.add(batch.stream().mapToInt(request -> request.context().length).toArray());
        }
        List<byte[]> answers = batches.stream().map(model::post).toList();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double write = Double.MAX_VALUE;
        double read = Double.MAX_VALUE;
        double tree = Double.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            long start = threads.getCurrentThreadCpuTime();
            long bytes = 0;
            for (List<int[]> prompts : batches) {
                bytes += OpenAiLanguageModel.payload(model.servedModel(), prompts).length;
            }
            long written = threads.getCurrentThreadCpuTime();
            double sum = 0;
            for (int b = 0; b < batches.size(); b++) {
                EchoedLogprobs[] choices = model.choices(answers.get(b), contextLengths.get(b));
                for (int i = 0; i < choices.length; i++) {
                    choices[i].check(batches.get(b).get(i));
                    sum += choices[i].score(contextLengths.get(b)[i]).value();
                }
            }
            long readAll = threads.getCurrentThreadCpuTime();
            int nodes = 0;
            for (byte[] answer : answers) {
                try {
                    nodes += new ObjectMapper().readTree(answer).get("choices").size();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            long trees = threads.getCurrentThreadCpuTime();
            if (bytes == 0 || !Double.isFinite(sum) || nodes != requests.size()) {
                throw new IllegalStateException("nothing written, a non-finite sum or choices missing");
            }
            write = Math.min(write, (written - start) / 1e6);
            read = Math.min(read, (readAll - written) / 1e6);
            tree = Math.min(tree, (trees - readAll) / 1e6);
        }
        return new double[] {write, read, tree};
    }

    public OpenedModel open(Map<String, String> settings) {
        return served.open(settings);
    }

    @Override
    public void close() {
        served.close();
    }
}

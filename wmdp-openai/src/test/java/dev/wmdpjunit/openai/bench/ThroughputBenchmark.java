package dev.wmdpjunit.openai.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.wmdpjunit.core.data.Datasets;
import dev.wmdpjunit.core.data.Mmlu;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.prompt.MultipleChoicePrompt;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.scoring.MultipleChoiceScorer;
import dev.wmdpjunit.core.scoring.RequestEncoder;
import dev.wmdpjunit.core.scoring.ScoringProgress;
import dev.wmdpjunit.openai.BenchmarkServer;
import dev.wmdpjunit.openai.RemoteSettings;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Questions per second versus {@code wmdp.remote.concurrency} against the local vLLM-format server, and the client's
 * own CPU time per question (the CPU time of this JVM's threads except the server's; see {@link #cpuNanosByThread}),
 * and where it goes (tokenizing, writing requests, reading answers, each on one thread). The server answers each
 * distinct prompt from the in-JVM stories260K model once (a warm-up pass fills its cache), so in the measured passes
 * it only writes JSON and the client's cost is what is left. Not a test: run it by hand,
 * <pre>./mvnw -B -q -pl wmdp-openai -am -Pthroughput -DskipTests test -Dbench.args="198 1,2,4,8 16"</pre>
 * arguments: questions (of MMLU high_school_geography, at most 198), concurrencies, prompts per request.
 */
public final class ThroughputBenchmark {

    private static final String SUBJECT = "high_school_geography";

    public static void main(String[] args) throws Exception {
        int questions = args.length > 0 ? Integer.parseInt(args[0]) : 198;
        String[] concurrencies = (args.length > 1 ? args[1] : "1,2,4,8").split(",");
        String batchSize = args.length > 2 ? args[2] : "16";
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Mmlu mmlu = Datasets.mmlu(BenchmarkServer.shared().resolve("data/mmlu"));
        QuestionSet test = mmlu.test(SUBJECT);
        QuestionSet set = new QuestionSet(SUBJECT, test.questions().subList(0, Math.min(questions, test.size())),
                test.source(), test.sha256());
        MultipleChoiceTemplate template = MultipleChoiceTemplate.mmlu(SUBJECT, mmlu.dev(SUBJECT).questions(), 0,
                PromptFormat.LM_EVAL_0_4_9_2);
        try (BenchmarkServer server = BenchmarkServer.start()) {
            Map<String, String> settings = new HashMap<>(BenchmarkServer.settings());
            settings.put(RemoteSettings.BATCH_SIZE, batchSize);
            settings.put(RemoteSettings.CONCURRENCY, "8");
            settings.put(RemoteSettings.TIMEOUT, "600"); // the warm-up waits for the model on a shared machine
            try (OpenedModel warm = server.open(settings)) {
                long start = System.nanoTime();
                new MultipleChoiceScorer(warm.model(), 64).score(set, template, ScoringProgress.NONE);
                System.out.printf(Locale.ROOT, "warm-up (model computes every prompt once): %d questions in %.1f s%n",
                        set.size(), (System.nanoTime() - start) / 1e9);
            }
            try (OpenedModel remote = server.open(settings)) {
                List<LoglikelihoodRequest> requests = new ArrayList<>();
                System.out.printf(Locale.ROOT, "client CPU on one thread, best of 3 passes, ms/question:"
                        + " tokenizing the prompts (the in-JVM backend pays it too) %.3f (reference in this process:"
                        + " DJL's full encode of context and context + choice per choice, as before, %.3f)",
                        tokenizingCpuMillis(remote, set, template, threads, requests),
                        djlEncodePerChoiceCpuMillis(set, template, threads));
                double[] parts = BenchmarkServer.requestAndAnswerCpuMillis(remote, requests,
                        Integer.parseInt(batchSize));
                System.out.printf(Locale.ROOT, ", writing requests %.3f, reading and checking answers %.3f"
                        + " (reference: parsing them into Jackson trees, as before, without checks, %.3f)%n",
                        parts[0] / set.size(), parts[1] / set.size(), parts[2] / set.size());
            }
            System.out.println("| concurrency | prompts/request | questions | questions/s | client threads CPU"
                    + " ms/question | JVM minus server threads CPU ms/question | whole JVM CPU ms/question |");
            System.out.println("|---|---|---|---|---|---|---|");
            List<String> byThreadName = new ArrayList<>();
            for (String concurrency : concurrencies) {
                settings.put(RemoteSettings.CONCURRENCY, concurrency.strip());
                try (OpenedModel remote = server.open(settings)) {
                    MultipleChoiceScorer scorer = new MultipleChoiceScorer(remote.model(), 64);
                    scorer.score(set, template, ScoringProgress.NONE); // JIT warm-up of this client
                    Map<Long, Long> clientBefore = cpuNanosByThread(threads, false);
                    Map<Long, Long> serverBefore = cpuNanosByThread(threads, true);
                    long processBefore = processCpuNanos();
                    long start = System.nanoTime();
                    scorer.score(set, template, ScoringProgress.NONE);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long process = processCpuNanos() - processBefore;
                    Map<Long, Long> clientAfter = cpuNanosByThread(threads, false);
                    double clientMs = grown(clientBefore, clientAfter) / 1e6 / set.size();
                    byThreadName.add("concurrency " + concurrency.strip() + ": " + byName(threads, clientBefore,
                            clientAfter, set.size()));
                    double notServerMs = (process - grown(serverBefore, cpuNanosByThread(threads, true))) / 1e6
                            / set.size();
                    System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %.3f | %.3f | %.3f |%n",
                            concurrency.strip(), batchSize, set.size(), set.size() / seconds, clientMs, notServerMs,
                            process / 1e6 / set.size());
                }
            }
            System.out.println("client threads CPU ms/question by thread name (digits as N; above 0.01):");
            byThreadName.forEach(System.out::println);
        }
        System.out.println("load average: " + String.join(" ", java.nio.file.Files.readString(
                java.nio.file.Path.of("/proc/loadavg")).split(" ", 4)).substring(0, 14).strip());
    }

    /**
     * CPU time of this thread per question to encode every request, as the scorer does (best of 3 passes); the
     * requests of the last pass are added to {@code requests}.
     */
    private static double tokenizingCpuMillis(OpenedModel model, QuestionSet set, MultipleChoiceTemplate template,
                                              ThreadMXBean threads, List<LoglikelihoodRequest> requests) {
        RequestEncoder encoder = new RequestEncoder(model.model().tokenizer(), template.format());
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            requests.clear();
            long before = threads.getCurrentThreadCpuTime();
            for (var question : set.questions()) {
                MultipleChoicePrompt prompt = template.render(question);
                requests.addAll(encoder.encodeChoices(prompt.context(), prompt.continuations()));
            }
            best = Math.min(best, (threads.getCurrentThreadCpuTime() - before) / 1e6 / set.size());
        }
        return best;
    }

    /**
     * The reference for tokenizing: what the scorer did before, DJL's {@code HuggingFaceTokenizer.encode} (which also
     * copies tokens, offsets and masks) of the context and of context + continuation for each choice, BOS added;
     * CPU ms of this thread per question, best of 3 passes.
     */
    private static double djlEncodePerChoiceCpuMillis(QuestionSet set, MultipleChoiceTemplate template,
                                                      ThreadMXBean threads) throws java.io.IOException {
        double best = Double.MAX_VALUE;
        try (HuggingFaceTokenizer djl = HuggingFaceTokenizer.newInstance(BenchmarkServer.shared()
                .resolve("models/stories260K/tokenizer.json"), Map.of("truncation", "false", "padding", "false"))) {
            for (int pass = 0; pass < 3; pass++) {
                long ids = 0;
                long before = threads.getCurrentThreadCpuTime();
                for (var question : set.questions()) {
                    MultipleChoicePrompt prompt = template.render(question);
                    for (String continuation : prompt.continuations()) {
                        ids += djl.encode(prompt.context() + continuation, true, false).getIds().length;
                        ids += djl.encode(prompt.context(), true, false).getIds().length;
                    }
                }
                best = Math.min(best, (threads.getCurrentThreadCpuTime() - before) / 1e6 / set.size());
                if (ids == 0) {
                    throw new IllegalStateException("nothing encoded");
                }
            }
        }
        return best;
    }

    /**
     * CPU time so far of each live thread of the server (its pool and its HTTP dispatcher) or of each other one. The
     * JVM reports only live threads: a thread that ends within the measured pass takes its time with it, so the
     * client's threads are compared by id ({@link #grown}), and the JVM minus the server's (long-lived) threads is
     * reported next to them; that includes the garbage collector and JIT compiler working for either side.
     */
    private static Map<Long, Long> cpuNanosByThread(ThreadMXBean threads, boolean server) {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            boolean serverThread = info.getThreadName().startsWith(BenchmarkServer.SERVER_THREADS)
                    || info.getThreadName().startsWith("HTTP-Dispatcher");
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (serverThread == server && nanos >= 0) {
                cpu.put(info.getThreadId(), nanos);
            }
        }
        return cpu;
    }

    /** {@link #grown} per thread name with digits as N, largest first, in ms per question. */
    private static String byName(ThreadMXBean threads, Map<Long, Long> before, Map<Long, Long> after, int questions) {
        Map<String, Long> byName = new java.util.TreeMap<>();
        for (Map.Entry<Long, Long> thread : after.entrySet()) {
            ThreadInfo info = threads.getThreadInfo(thread.getKey());
            String name = info == null ? "(ended)" : info.getThreadName().replaceAll("\\d+", "N");
            byName.merge(name, Math.max(0, thread.getValue() - before.getOrDefault(thread.getKey(), 0L)), Long::sum);
        }
        return byName.entrySet().stream().filter(e -> e.getValue() / 1e6 / questions > 0.01)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue() / 1e6 / questions))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** CPU time the threads alive at {@code after} spent since {@code before} (all of it for threads born since). */
    private static long grown(Map<Long, Long> before, Map<Long, Long> after) {
        long total = 0;
        for (Map.Entry<Long, Long> thread : after.entrySet()) {
            total += Math.max(0, thread.getValue() - before.getOrDefault(thread.getKey(), 0L));
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

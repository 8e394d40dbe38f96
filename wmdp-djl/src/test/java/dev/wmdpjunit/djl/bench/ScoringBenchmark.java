package dev.wmdpjunit.djl.bench;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.testing.ByteTokenizer;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.ModelConfig;
import dev.wmdpjunit.djl.runtime.DjlLanguageModel;
import dev.wmdpjunit.djl.runtime.ModelMaxLength;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scoring throughput of {@link DjlLanguageModel} on a random-init Llama of 19.5M parameters (see
 * {@link RandomLlama#BENCHMARK}) with the toy byte-level tokenizer (one token per UTF-8 byte, so " A".." D" share
 * their fed window and a question costs one forward), on the first N MMLU test questions, 0-shot.
 *
 * <p>Prints questions/s, tokens/s, the achieved forward GFLOP/s, libtorch's float32 GEMM rate measured in the same
 * process, their ratio, and the speedup of one forward per question over one per choice. FLOPs of a fed window of
 * T tokens: 2 * (decoder-layer matmul weights) * T, plus 4 * layers * hidden * T^2 for QK^T and AV (eager
 * attention computes the full T x T scores), plus 2 * vocab * hidden per scored row (the head runs on scored rows
 * only); padding is not counted.
 *
 * <p>Arguments: [questions (default 100)] [questions for the one-forward-per-choice comparison (default 24)]
 * [windows per batch (default 8)]. See wmdp-djl/README.md for the command.
 */
public final class ScoringBenchmark {

    private static final int QUESTIONS_PER_CALL = 32;
    private static final int GEMM_SIZE = 2048;

    private ScoringBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int questionCount = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int comparisonCount = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        System.out.println("load average at start: " + Rss.loadAverage());

        Path directory = Files.createTempDirectory("wmdp-bench-llama");
        try {
            RandomLlama.BENCHMARK.write(directory, 1);
            List<Question> questions = BenchmarkInputs.firstTestQuestions(questionCount);
            try (DjlLanguageModel model = DjlLanguageModel.of(CausalLm.load(directory), new ByteTokenizer(),
                    ModelMaxLength.of(directory), new ModelOptions(batchSize, 0))) {
                run(model, questions, comparisonCount, batchSize);
            }
        } finally {
            deleteRecursively(directory);
        }
        System.out.println("load average at end: " + Rss.loadAverage());
    }

    private static void run(DjlLanguageModel model, List<Question> questions, int comparisonCount, int batchSize) {
        ModelConfig config = model.causalLm().config();
        long layerWeights = model.causalLm().parameters().asMap().entrySet().stream()
                .filter(e -> e.getKey().startsWith("model.layers.") && e.getValue().getShape().dimension() == 2)
                .mapToLong(e -> e.getValue().size()).sum();
        System.out.printf("model: random llama, %,d parameters (%,d in decoder-layer matmuls), hidden %d, %d layers,"
                        + " vocab %d, max_length %d; byte-level tokenizer; %d windows per batch; libtorch threads %d%n",
                model.causalLm().parameters().count(), layerWeights, config.hiddenSize(), config.numLayers(),
                config.vocabSize(), model.maxLength(), batchSize, JniUtils.getNumThreads());

        List<List<LoglikelihoodRequest>> perQuestion = BenchmarkInputs.choiceRequests(questions, model.tokenizer());
        List<List<LoglikelihoodRequest>> calls = new ArrayList<>();
        for (int from = 0; from < perQuestion.size(); from += QUESTIONS_PER_CALL) {
            calls.add(perQuestion.subList(from, Math.min(from + QUESTIONS_PER_CALL, perQuestion.size())).stream()
                    .flatMap(List::stream).toList());
        }
        ComputeRates.Workload workload = ComputeRates.Workload.of(calls, model.maxLength(), config, layerWeights);
        System.out.printf("workload: %d MMLU test questions, %,d fed tokens (%.0f per question, longest %d), %.1f"
                + " GFLOP%n", questions.size(), workload.tokens(), (double) workload.tokens() / questions.size(),
                workload.longest(), workload.flops() / 1e9);

        double gemm = ComputeRates.gemmGflops(GEMM_SIZE, DataType.FLOAT32);
        System.out.printf("libtorch float32 GEMM %dx%d @ %dx%d: %.1f GFLOP/s (best of 5)%n", GEMM_SIZE, GEMM_SIZE,
                GEMM_SIZE, GEMM_SIZE, gemm);

        scoreShared(model, perQuestion.subList(0, Math.min(8, perQuestion.size()))); // warm-up
        long windowsBefore = model.windowsForwarded();
        long start = System.nanoTime();
        List<Loglikelihood> shared = scoreShared(model, perQuestion);
        double seconds = (System.nanoTime() - start) / 1e9;
        long windows = model.windowsForwarded() - windowsBefore;
        double gflops = workload.flops() / seconds / 1e9;
        System.out.printf("one forward per question: %.1f s, %.2f questions/s, %,.0f tokens/s, %d forwards for %d"
                        + " questions%n", seconds, questions.size() / seconds, workload.tokens() / seconds, windows,
                questions.size());
        System.out.printf("achieved forward %.1f GFLOP/s = %.0f%% of the GEMM rate%n", gflops, 100 * gflops / gemm);

        List<List<LoglikelihoodRequest>> compared = perQuestion.subList(0, Math.min(comparisonCount, perQuestion.size()));
        start = System.nanoTime();
        scoreShared(model, compared);
        double sharedSeconds = (System.nanoTime() - start) / 1e9;
        windowsBefore = model.windowsForwarded();
        start = System.nanoTime();
        List<Loglikelihood> separate = scoreEachChoiceAlone(model, compared);
        double separateSeconds = (System.nanoTime() - start) / 1e9;
        double worst = 0;
        for (int i = 0; i < separate.size(); i++) {
            worst = Math.max(worst, Math.abs(separate.get(i).value() - shared.get(i).value()));
        }
        System.out.printf("first %d questions: one forward per question %.1f s, one per choice %.1f s (%d forwards):"
                        + " speedup %.2fx; largest loglikelihood difference %.1e%n", compared.size(), sharedSeconds,
                separateSeconds, model.windowsForwarded() - windowsBefore, separateSeconds / sharedSeconds, worst);
    }

    /** Scores the questions in calls of {@link #QUESTIONS_PER_CALL}, as MultipleChoiceScorer does. */
    private static List<Loglikelihood> scoreShared(DjlLanguageModel model, List<List<LoglikelihoodRequest>> questions) {
        List<Loglikelihood> answers = new ArrayList<>();
        for (int from = 0; from < questions.size(); from += QUESTIONS_PER_CALL) {
            List<LoglikelihoodRequest> call = questions.subList(from, Math.min(from + QUESTIONS_PER_CALL,
                    questions.size())).stream().flatMap(List::stream).toList();
            answers.addAll(model.loglikelihood(call));
        }
        return answers;
    }

    /** The same calls, but each choice in its own call so that no window is shared: four forwards per question. */
    private static List<Loglikelihood> scoreEachChoiceAlone(DjlLanguageModel model,
                                                            List<List<LoglikelihoodRequest>> questions) {
        List<Loglikelihood> answers = new ArrayList<>();
        for (int from = 0; from < questions.size(); from += QUESTIONS_PER_CALL) {
            List<List<LoglikelihoodRequest>> call = questions.subList(from, Math.min(from + QUESTIONS_PER_CALL,
                    questions.size()));
            Loglikelihood[][] byChoice = new Loglikelihood[call.size()][];
            for (int choice = 0; choice < 4; choice++) {
                int c = choice;
                List<Loglikelihood> results = model.loglikelihood(call.stream().map(q -> q.get(c)).toList());
                for (int q = 0; q < call.size(); q++) {
                    if (byChoice[q] == null) {
                        byChoice[q] = new Loglikelihood[4];
                    }
                    byChoice[q][choice] = results.get(q);
                }
            }
            for (Loglikelihood[] question : byChoice) {
                answers.addAll(List.of(question));
            }
        }
        return answers;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

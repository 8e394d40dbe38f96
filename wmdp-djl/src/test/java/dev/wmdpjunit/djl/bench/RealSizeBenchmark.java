package dev.wmdpjunit.djl.bench;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import dev.wmdpjunit.core.data.Datasets;
import dev.wmdpjunit.core.data.Mmlu;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.model.ModelConfig;
import dev.wmdpjunit.djl.runtime.DjlLanguageModel;
import dev.wmdpjunit.djl.safetensors.SafetensorsDtype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory and speed of scoring real MMLU prompts on real-size random Llama checkpoints (issue 11), through
 * {@link DjlLanguageModel#open} exactly as the engine opens a model. Two steps, each its own JVM, so that the
 * scoring JVM's peak RSS ({@code /usr/bin/time -v}, and {@code VmHWM} printed here) is the scoring alone:
 *
 * <pre>
 * write &lt;180m|971m&gt; &lt;f32|bf16&gt; &lt;dir&gt;            random weights (see {@link RandomLlama}) + stories260K's tokenizer
 * score &lt;dir&gt; [questions per subject, 2] [batch size, 8]
 * </pre>
 *
 * The questions are the first N test questions of each of the four MMLU subjects the WMDP paper reports
 * (college_biology, virology, college_computer_science, computer_security), 0-shot, lm-eval 0.4.9.2 prompts: the
 * workload of {@code PaperSubjectsTest} with {@code wmdp.limit=N}. With a 512-token vocabulary these prompts are
 * long (hundreds of tokens). {@code -Dwmdp.dtype} is passed on to the model options. See wmdp-djl/README.md.
 */
public final class RealSizeBenchmark {

    static final List<String> SUBJECTS = List.of("college_biology", "virology", "college_computer_science",
            "computer_security");
    private static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "generation_config.json");
    private static final int GEMM_SIZE = 2048;

    private RealSizeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 4 && args[0].equals("write")) {
            write(RandomLlama.named(args[1]), fileDtype(args[2]), Path.of(args[3]));
        } else if (args.length >= 2 && args[0].equals("score")) {
            score(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 2,
                    args.length > 3 ? Integer.parseInt(args[3]) : ModelOptions.DEFAULT.batchSize());
        } else {
            throw new IllegalArgumentException("usage: write <180m|971m> <f32|bf16> <dir> | score <dir>"
                    + " [questions per subject] [batch size]");
        }
    }

    private static SafetensorsDtype fileDtype(String name) {
        return switch (name) {
            case "f32" -> SafetensorsDtype.F32;
            case "bf16" -> SafetensorsDtype.BF16;
            case "f16" -> SafetensorsDtype.F16;
            default -> throw new IllegalArgumentException("file dtype must be f32, f16 or bf16, not " + name);
        };
    }

    private static void write(RandomLlama shape, SafetensorsDtype dtype, Path directory) throws IOException {
        Files.createDirectories(directory);
        long start = System.nanoTime();
        shape.write(directory, 1, dtype);
        copyTokenizer(directory);
        System.out.printf("wrote %s: %,d parameters as %s, %,d bytes, in %.1f s%n", directory,
                shape.parameterCount(), dtype, Files.size(directory.resolve("model.safetensors")),
                (System.nanoTime() - start) / 1e9);
    }

    /** Copies stories260K's tokenizer and generation config next to a random checkpoint. */
    static void copyTokenizer(Path directory) throws IOException {
        Path stories = BenchmarkInputs.sharedDir().resolve("models/stories260K");
        for (String file : TOKENIZER_FILES) {
            Files.copy(stories.resolve(file), directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** libtorch's float32 and float16 GEMM rates, GFLOP/s, printed. */
    private static double[] gemmRates() {
        double[] rates = {ComputeRates.gemmGflops(GEMM_SIZE, DataType.FLOAT32),
                ComputeRates.gemmGflops(GEMM_SIZE, DataType.FLOAT16)};
        System.out.printf("libtorch GEMM %d^3 (best of 5): float32 %.1f GFLOP/s, float16 %.1f GFLOP/s%n", GEMM_SIZE,
                rates[0], rates[1]);
        return rates;
    }

    private static void score(Path directory, int perSubject, int batchSize) {
        System.out.println("load average at start: " + Rss.loadAverage());
        List<List<LoglikelihoodRequest>> calls = new ArrayList<>();
        List<Question> questions = new ArrayList<>();
        long start = System.nanoTime();
        ModelOptions options = new ModelOptions(batchSize, 0);
        String dtype = System.getProperty("wmdp.dtype");
        if (dtype != null) {
            options = options.withDtype(WeightDtype.fromId(dtype));
        }
        try (DjlLanguageModel model = DjlLanguageModel.open(directory, options)) {
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            ModelConfig config = model.causalLm().config();
            long layerWeights = model.causalLm().parameters().asMap().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("model.layers.") && e.getValue().getShape().dimension() == 2)
                    .mapToLong(e -> e.getValue().size()).sum();
            long residentBytes = model.causalLm().parameters().asMap().values().stream()
                    .mapToLong(p -> p.size() * p.getDataType().getNumOfBytes()).sum();
            System.out.printf("loaded %s (wmdp.dtype %s) in %.1f s: %,d parameters, hidden %d, %d layers; weights"
                            + " held in %.0f MiB; RSS %.0f MiB, peak %.0f MiB%n", directory, dtype == null ? "default"
                            : dtype, loadSeconds, model.causalLm().parameters().count(), config.hiddenSize(),
                    config.numLayers(), residentBytes / 1048576.0, Rss.mib(), Rss.peakMib());

            Mmlu mmlu = Datasets.mmlu(BenchmarkInputs.sharedDir().resolve("data/mmlu"));
            for (String subject : SUBJECTS) {
                List<Question> some = mmlu.test(subject).questions().subList(0, perSubject);
                questions.addAll(some);
                calls.add(BenchmarkInputs.choiceRequests(some, model.tokenizer()).stream()
                        .flatMap(List::stream).toList());
            }
            ComputeRates.Workload workload = ComputeRates.Workload.of(calls, model.maxLength(), config, layerWeights);
            System.out.printf("workload: %d questions, %d windows, %,d fed tokens (longest %d), %.1f GFLOP; at most %d"
                            + " windows per pass, libtorch threads %d; weights held in %s, products computed in"
                            + " float32%n", questions.size(), workload.windows(), workload.tokens(), workload.longest(),
                    workload.flops() / 1e9, batchSize, JniUtils.getNumThreads(), model.causalLm().weightDtype().id());

            // Not timed: libtorch's first passes set up kernels and grow its allocator's pools.
            Question next = mmlu.test(SUBJECTS.get(0)).questions().get(perSubject);
            start = System.nanoTime();
            model.loglikelihood(BenchmarkInputs.choiceRequests(List.of(next), model.tokenizer()).get(0));
            System.out.printf("warm-up (question %d of %s, not counted): %.1f s%n", perSubject + 1, SUBJECTS.get(0),
                    (System.nanoTime() - start) / 1e9);
            long passesBefore = model.forwardPasses();
            double[] gemmBefore = gemmRates();

            start = System.nanoTime();
            StringBuilder predicted = new StringBuilder();
            double sum = 0;
            for (List<LoglikelihoodRequest> call : calls) {
                List<Loglikelihood> answers = model.loglikelihood(call);
                for (int q = 0; q < answers.size(); q += 4) {
                    int best = q;
                    for (int c = q; c < q + 4; c++) {
                        sum += answers.get(c).value();
                        best = answers.get(c).value() > answers.get(best).value() ? c : best;
                    }
                    predicted.append((char) ('A' + best - q));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] gemmAfter = gemmRates();
            // the faster of the two measurements, so that load during one of them cannot flatter the ratio
            double gemm = Math.max(gemmBefore[0], gemmAfter[0]);
            double halfGemm = Math.max(gemmBefore[1], gemmAfter[1]);
            double gflops = workload.flops() / seconds / 1e9;
            System.out.printf("scored in %.1f s: %.3f questions/s, %,.0f tokens/s, %d forward passes; achieved %.1f"
                            + " GFLOP/s = %.0f%% of the float32 GEMM rate, %.0f%% of the float16 GEMM rate%n", seconds,
                    questions.size() / seconds, workload.tokens() / seconds, model.forwardPasses() - passesBefore,
                    gflops, 100 * gflops / gemm, 100 * gflops / halfGemm);
            System.out.printf("predictions %s, sum of loglikelihoods %.6f%n", predicted, sum);
            System.out.printf("RSS %.0f MiB, peak RSS (VmHWM) %.0f MiB%n", Rss.mib(), Rss.peakMib());
        }
        System.out.println("load average at end: " + Rss.loadAverage());
    }
}

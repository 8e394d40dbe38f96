package dev.wmdpjunit.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.io.AtomicFiles;
import dev.wmdpjunit.core.prompt.MultipleChoicePrompt;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.ModelConfig;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Regenerates everything under the demo root (src/test/resources/demo): data, tokenizer, trained model, and the
 * scores it got. Run with {@code ./mvnw -B -pl examples -am process-test-classes -Ptrain-demo}.
 */
public final class RegenerateDemo {

    /** The seed of the committed demo: data, initial weights and batch order. */
    public static final long SEED = 20261128L;
    public static final TrainingSettings TRAINING = new TrainingSettings(3000, 32, 3e-3f, 100, SEED);
    /** The prompt formats the recorded scores are measured under. */
    public static final List<PromptFormat> SCORED_FORMATS = List.of(PromptFormat.DEFAULT, PromptFormat.LM_EVAL_0_4_2);

    private RegenerateDemo() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: RegenerateDemo <demo root directory>");
        }
        Path root = Path.of(args[0]);
        DemoDataset dataset = DemoDataset.generate(SEED);
        DemoFiles.writeData(dataset, root);
        WordTokenizer tokenizer = tokenizerFor(dataset);
        Path scratch = Files.createTempDirectory("demo-tokenizer");
        DemoTrainer.TrainingLog log;
        try {
            tokenizer.write(scratch);
            DemoModelConfig.write(tokenizer, scratch);
            try (HfTokenizer hf = HfTokenizer.load(scratch)) {
                List<int[]> sequences = encode(dataset.trainingTexts(), hf);
                ModelConfig config = DemoModelConfig.modelConfig(tokenizer, "demo config");
                try (CausalLm model = CausalLm.load(config, new InitialWeights(config, SEED))) {
                    System.out.printf("%d parameters, %d training sequences, vocabulary %d%n",
                            model.parameters().count(), sequences.size(), tokenizer.size());
                    log = DemoTrainer.train(model, sequences, tokenizer.id(WordTokenizer.PAD), TRAINING,
                            System.out::println, new TrainingCheck(model, hf, dataset));
                    DemoModelDirectory.write(model, tokenizer, root.resolve(DemoFiles.MODEL_DIRECTORY));
                }
            }
        } finally {
            deleteTree(scratch);
        }
        writeScores(root, log);
    }

    /** The tokenizer covering every training text and every evaluation prompt with each of its choices. */
    static WordTokenizer tokenizerFor(DemoDataset dataset) {
        List<String> texts = new ArrayList<>(dataset.trainingTexts());
        for (DemoDomain domain : DemoDomain.values()) {
            for (PromptFormat format : PromptFormat.values()) {
                for (Question question : dataset.domain(domain).questions()) {
                    MultipleChoicePrompt prompt = domain.template(format).render(question);
                    for (String continuation : prompt.continuations()) {
                        texts.add(prompt.context() + continuation);
                    }
                }
            }
        }
        return WordTokenizer.covering(texts);
    }

    /** Each text as the real tokenizer encodes it, with BOS in front and EOS behind. */
    private static List<int[]> encode(List<String> texts, HfTokenizer tokenizer) {
        int eos = tokenizer.eosTokenId().orElseThrow();
        List<int[]> sequences = new ArrayList<>(texts.size());
        for (String text : texts) {
            int[] ids = tokenizer.encode(text, true);
            int[] framed = Arrays.copyOf(ids, ids.length + 1);
            framed[ids.length] = eos;
            sequences.add(framed);
        }
        return sequences;
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    private static void writeScores(Path root, DemoTrainer.TrainingLog log) throws IOException {
        Map<String, Object> scores = new LinkedHashMap<>();
        scores.put("seed", SEED);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("steps", TRAINING.steps());
        training.put("batch_size", TRAINING.batchSize());
        training.put("learning_rate", TRAINING.learningRate());
        training.put("warmup_steps", TRAINING.warmupSteps());
        training.put("seconds", log.millis() / 1000.0);
        training.put("skipped_updates", log.skippedUpdates());
        training.put("first_loss", log.losses().get(0));
        training.put("last_loss", log.losses().get(log.losses().size() - 1));
        scores.put("training", training);
        Map<String, Object> byFormat = new LinkedHashMap<>();
        for (PromptFormat format : SCORED_FORMATS) {
            Map<String, Object> byDomain = new LinkedHashMap<>();
            DemoEvaluation.score(root, format).forEach((domain, results) -> {
                Map<String, Object> domainScores = new LinkedHashMap<>();
                long correct = DemoEvaluation.correct(results);
                domainScores.put("correct", correct);
                domainScores.put("total", results.size());
                domainScores.put("accuracy", (double) correct / results.size());
                domainScores.put("predicted", DemoEvaluation.predictedLetters(results));
                byDomain.put(domain.id(), domainScores);
                System.out.printf("%s %s: %d/%d correct%n", format.id(), domain.id(), correct, results.size());
            });
            byFormat.put(format.id(), byDomain);
        }
        scores.put("scores", byFormat);
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(scores);
        AtomicFiles.write(root.resolve(DemoFiles.SCORES_FILE), out -> out.write(json));
    }
}

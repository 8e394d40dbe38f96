package dev.wmdpjunit.reports.endtoend;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.model.Claim;
import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.LanguageModelProvider;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.ModelIdentity;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.model.ProviderSettings;
import dev.wmdpjunit.core.model.Tokenizer;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.testing.ByteTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in model for running the engine end to end: its "checkpoint" is a folder with {@value #KEY_FILE}, one line
 * per question ({@code predicted letter index<TAB>question text}). It reads the question back out of each prompt
 * (byte tokenizer) and gives the listed letter the highest loglikelihood. Registered in the test resources'
 * {@code META-INF/services}.
 */
public final class AnswerKeyModel implements LanguageModelProvider {

    static final String KEY_FILE = "answer-key.tsv";

    /** Writes a checkpoint answering the first {@code round(n * rate)} questions of each set right, the rest wrong. */
    static Path write(Path folder, Map<QuestionSet, Double> rates) throws IOException {
        List<String> lines = new ArrayList<>();
        rates.forEach((set, rate) -> {
            long right = Math.round(set.size() * rate);
            for (int i = 0; i < set.size(); i++) {
                Question q = set.questions().get(i);
                int predicted = i < right ? q.answer() : (q.answer() + 1) % q.choices().size();
                lines.add(predicted + "\t" + q.question().strip());
            }
        });
        Files.createDirectories(folder);
        Files.write(folder.resolve(KEY_FILE), lines, StandardCharsets.UTF_8);
        return folder;
    }

    @Override
    public String name() {
        return "answer-key";
    }

    @Override
    public Claim claim(ModelReference reference, ProviderSettings settings) {
        return reference.localPath().filter(folder -> Files.isRegularFile(folder.resolve(KEY_FILE)))
                .map(folder -> Claim.mine()).orElse(Claim.notMine("no " + KEY_FILE));
    }

    @Override
    public OpenedModel open(ModelReference reference, ModelOptions options, ProviderSettings settings) {
        Path checkpoint = reference.localPath().orElseThrow();
        Map<String, Integer> key = new HashMap<>();
        try {
            for (String line : Files.readAllLines(checkpoint.resolve(KEY_FILE), StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t", 2);
                key.put(fields[1], Integer.parseInt(fields[0]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OpenedModel(new Model(key), ModelIdentity.folder(checkpoint));
    }

    private record Model(Map<String, Integer> key) implements LanguageModel {

        private static final Tokenizer TOKENIZER = new ByteTokenizer();

        @Override
        public Tokenizer tokenizer() {
            return TOKENIZER;
        }

        @Override
        public int maxLength() {
            return 1 << 20;
        }

        @Override
        public List<Loglikelihood> loglikelihood(List<LoglikelihoodRequest> requests) {
            List<Loglikelihood> answers = new ArrayList<>(requests.size());
            for (LoglikelihoodRequest request : requests) {
                String context = TOKENIZER.decode(request.context());
                // The question is the line before the last choice list (the description comes before it).
                String beforeChoices = context.substring(0, context.lastIndexOf("\nA. "));
                String question = beforeChoices.substring(beforeChoices.lastIndexOf('\n') + 1).strip();
                Integer predicted = key.get(question);
                if (predicted == null) {
                    throw new IllegalArgumentException("the answer key has no question '" + question + "'");
                }
                int letter = MultipleChoiceTemplate.CHOICE_LABELS.indexOf(TOKENIZER.decode(request.continuation())
                        .strip());
                answers.add(new Loglikelihood(letter == predicted ? -0.25 : -2.0 - 0.125 * letter,
                        letter == predicted));
            }
            return answers;
        }
    }
}

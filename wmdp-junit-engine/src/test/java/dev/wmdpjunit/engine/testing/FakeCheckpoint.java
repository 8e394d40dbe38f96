package dev.wmdpjunit.engine.testing;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
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
 * The "checkpoint" of a {@link FakeLanguageModel}: a folder holding {@value #KEY_FILE}, one line per question
 * ({@code knows<TAB>gold<TAB>gold choice text<TAB>hiding<TAB>question text}). A set written with know-rate r has
 * exactly floor(n r) known questions, spread evenly through it.
 */
public final class FakeCheckpoint {

    public static final String KEY_FILE = "fake-model.tsv";
    private static final String CONTINUATION_QUESTION = "Question: ";

    /** What the fake model does with one question. */
    public record Answer(boolean knows, int gold, String goldText, Hiding hiding) {
    }

    /**
     * How a model hides what it knows, for the residual-knowledge probes: not at all, only while the choices are
     * in their original order (a rotation shows it), only zero-shot (few-shot examples show it), or only in full
     * precision (a copy quantized to 4 bits or fewer shows it), or until relearned (a copy fine-tuned for 10 steps
     * or more shows it).
     */
    public enum Hiding { NONE, ORIGINAL_ORDER, ZERO_SHOT, FULL_PRECISION, UNTIL_RELEARNED }

    /**
     * A marker file: the provider opens this checkpoint as a backend without optional capabilities (no quantized
     * copies, no hidden states), as a model behind a server would be.
     */
    public static final String PLAIN_BACKEND = "plain-backend";

    private FakeCheckpoint() {
    }

    /** Writes a checkpoint folder that knows each set's questions at the given rate. */
    public static Path write(Path folder, Map<QuestionSet, Double> knowRates) throws IOException {
        return write(folder, knowRates, Hiding.NONE);
    }

    /** Writes a checkpoint folder that knows each set's questions at the given rate and hides them so. */
    public static Path write(Path folder, Map<QuestionSet, Double> knowRates, Hiding hiding) throws IOException {
        Files.createDirectories(folder);
        List<String> lines = new ArrayList<>();
        knowRates.forEach((set, rate) -> {
            List<Question> questions = set.questions();
            for (int i = 0; i < questions.size(); i++) {
                boolean knows = Math.floor((i + 1) * rate) > Math.floor(i * rate);
                Question q = questions.get(i);
                lines.add((knows ? 1 : 0) + "\t" + q.answer() + "\t" + q.choices().get(q.answer()) + "\t"
                        + hiding + "\t" + q.question().strip());
            }
        });
        Files.write(folder.resolve(KEY_FILE), lines, StandardCharsets.UTF_8);
        return folder;
    }

    /**
     * The fake's "quantized copy": the same key, except that knowledge hidden only in full precision shows at 4
     * bits or fewer.
     */
    static void writeQuantizedCopy(Path source, int bits, Path target) throws IOException {
        writeCopy(source, bits <= 4 ? Hiding.FULL_PRECISION : Hiding.NONE, target);
    }

    /** The fake's relearned copy: knowledge hidden until relearned shows after 10 steps or more. */
    static void writeRelearnedCopy(Path source, int steps, Path target) throws IOException {
        writeCopy(source, steps >= 10 ? Hiding.UNTIL_RELEARNED : Hiding.NONE, target);
    }

    /** A copy of the key in which {@code revealed} hiding no longer hides. */
    private static void writeCopy(Path source, Hiding revealed, Path target) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(source.resolve(KEY_FILE), StandardCharsets.UTF_8)) {
            lines.add(revealed == Hiding.NONE ? line
                    : line.replace("\t" + revealed + "\t", "\t" + Hiding.NONE + "\t"));
        }
        Files.createDirectories(target);
        Files.write(target.resolve(KEY_FILE), lines, StandardCharsets.UTF_8);
    }

    public static boolean isCheckpoint(Path folder) {
        return Files.isRegularFile(folder.resolve(KEY_FILE));
    }

    static Map<String, Answer> read(Path folder) {
        Map<String, Answer> key = new HashMap<>();
        try {
            for (String line : Files.readAllLines(folder.resolve(KEY_FILE), StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t", 5);
                key.put(fields[4], new Answer(fields[0].equals("1"), Integer.parseInt(fields[1]), fields[2],
                        Hiding.valueOf(fields[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return key;
    }

    /**
     * The question of a rendered prompt: the line before its last choice list (the test questions are one line;
     * the description and few-shot examples come before it).
     */
    static String questionOf(String context) {
        if (!context.contains("\nA. ")) {
            // The continuation style: ...Question: <question>\nAnswer:
            String beforeAnswer = context.substring(0, context.lastIndexOf("\nAnswer:"));
            return beforeAnswer.substring(beforeAnswer.lastIndexOf(CONTINUATION_QUESTION)
                    + CONTINUATION_QUESTION.length()).strip();
        }
        String beforeChoices = context.substring(0, context.lastIndexOf("\nA. "));
        return beforeChoices.substring(beforeChoices.lastIndexOf('\n') + 1).strip();
    }
}

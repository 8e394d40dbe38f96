package dev.wmdpjunit.djl.bench;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.scoring.MultipleChoiceScorer;
import dev.wmdpjunit.core.scoring.ScoringProgress;
import dev.wmdpjunit.djl.runtime.DjlLanguageModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores many questions with one {@link DjlLanguageModel} and prints the process RSS every 1,000 questions, to show
 * that scoring holds no native memory beyond one batch. Uses the real stories260K with its HF tokenizer (max_length
 * 512: long prompts are left-truncated) and cycles through the MMLU test questions, 0-shot, scoring each with its
 * subject's prompt.
 *
 * <p>Arguments: [questions (default 10,000)] [distinct MMLU questions to cycle through (default 2,000)].
 */
public final class RssCheck {

    private static final int REPORT_EVERY = 1_000;
    private static final int QUESTIONS_PER_CALL = 50;

    private RssCheck() {
    }

    /** Consecutive runs of questions of the same subject (each is scored with its subject's prompt). */
    private static List<List<Question>> bySubject(List<Question> questions) {
        List<List<Question>> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= questions.size(); i++) {
            if (i == questions.size() || !questions.get(i).subject().equals(questions.get(start).subject())) {
                runs.add(questions.subList(start, i));
                start = i;
            }
        }
        return runs;
    }

    public static void main(String[] args) {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int distinct = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        if (total % REPORT_EVERY != 0 || distinct % QUESTIONS_PER_CALL != 0) {
            throw new IllegalArgumentException("questions must be a multiple of " + REPORT_EVERY
                    + " and distinct questions a multiple of " + QUESTIONS_PER_CALL);
        }
        System.out.println("load average at start: " + Rss.loadAverage());
        List<Question> questions = BenchmarkInputs.firstTestQuestions(distinct);
        Path stories = BenchmarkInputs.sharedDir().resolve("models/stories260K");
        try (DjlLanguageModel model = DjlLanguageModel.open(stories, new ModelOptions(8, 0))) {
            MultipleChoiceScorer scorer = new MultipleChoiceScorer(model, QUESTIONS_PER_CALL);
            System.out.printf("before scoring: RSS %.1f MiB%n", Rss.mib());
            long start = System.nanoTime();
            int correct = 0;
            for (int done = 0; done < total; done += QUESTIONS_PER_CALL) {
                int from = done % questions.size();
                List<Question> call = questions.subList(from, from + QUESTIONS_PER_CALL);
                for (List<Question> subject : bySubject(call)) {
                    String name = subject.get(0).subject();
                    List<QuestionResult> results = scorer.score(new QuestionSet("mmlu:" + name, subject, "MMLU test",
                                    "not computed"),
                            MultipleChoiceTemplate.mmlu(name, List.of(), 0, BenchmarkInputs.FORMAT),
                            ScoringProgress.NONE);
                    correct += (int) results.stream().filter(QuestionResult::correct).count();
                }
                int scored = done + QUESTIONS_PER_CALL;
                if (scored % REPORT_EVERY == 0) {
                    System.out.printf("%,6d questions: RSS %.1f MiB, %.1f questions/s, %d windows forwarded%n",
                            scored, Rss.mib(), scored / ((System.nanoTime() - start) / 1e9), model.windowsForwarded());
                }
            }
            System.out.printf("accuracy %.3f (a 260K-parameter story model: about chance expected)%n",
                    (double) correct / total);
        }
        System.out.println("load average at end: " + Rss.loadAverage());
    }
}

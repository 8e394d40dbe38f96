package dev.wmdpjunit.examples.demo;

import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.scoring.MultipleChoiceScorer;
import dev.wmdpjunit.core.scoring.ScoringProgress;
import dev.wmdpjunit.djl.runtime.DjlLanguageModel;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Scores the demo model of a demo root on both domains' questions through the core scorer. */
final class DemoEvaluation {

    private static final int QUESTIONS_PER_CALL = 32;

    private DemoEvaluation() {
    }

    /** Per domain, the result of every question in file order. */
    static Map<DemoDomain, List<QuestionResult>> score(Path root, PromptFormat format) {
        Path modelDir = root.resolve(DemoFiles.MODEL_DIRECTORY);
        Map<DemoDomain, List<QuestionResult>> results = new EnumMap<>(DemoDomain.class);
        try (DjlLanguageModel languageModel = DjlLanguageModel.open(modelDir, ModelOptions.DEFAULT)) {
            MultipleChoiceScorer scorer = new MultipleChoiceScorer(languageModel, QUESTIONS_PER_CALL);
            for (DemoDomain domain : DemoDomain.values()) {
                QuestionSet questions = DemoFiles.readQuestions(root, domain);
                results.put(domain, scorer.score(questions, domain.template(format), ScoringProgress.NONE));
            }
        }
        return results;
    }

    /** The predicted letters of a domain's questions, in order (e.g. {@code "ABDA..."}). */
    static String predictedLetters(List<QuestionResult> results) {
        StringBuilder letters = new StringBuilder();
        for (QuestionResult result : results) {
            letters.append((char) ('A' + result.predicted()));
        }
        return letters.toString();
    }

    static long correct(List<QuestionResult> results) {
        return results.stream().filter(QuestionResult::correct).count();
    }
}

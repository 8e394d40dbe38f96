package dev.wmdpjunit.core.scoring;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodFailure;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.prompt.MultipleChoicePrompt;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.results.QuestionResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores multiple-choice questions on a {@link LanguageModel} the way lm-eval scores a {@code multiple_choice}
 * task: per question, one loglikelihood request per choice ({@code (context, " A")} .. {@code (context, " D")}),
 * encoded by {@link RequestEncoder} under the template's {@link dev.wmdpjunit.core.prompt.PromptFormat}, and the
 * prediction is the argmax of the four loglikelihoods with the lowest index winning ties
 * ({@link MultipleChoiceMetrics#argmax}).
 *
 * <p>A question set goes to the model in calls of {@code questionsPerCall} questions (all four requests of a
 * question in the same call); after each call a {@link ScoringProgress} hears how many questions are done.
 */
public final class MultipleChoiceScorer {

    private final LanguageModel model;
    private final int questionsPerCall;

    /**
     * @param questionsPerCall how many questions' requests go to the model in one
     *                         {@link LanguageModel#loglikelihood} call; the backend batches its forward passes
     *                         within a call, so larger calls let it share and sort more
     */
    public MultipleChoiceScorer(LanguageModel model, int questionsPerCall) {
        this.model = Objects.requireNonNull(model, "model");
        if (questionsPerCall < 1) {
            throw new IllegalArgumentException("questionsPerCall must be positive, was " + questionsPerCall);
        }
        this.questionsPerCall = questionsPerCall;
    }

    /** Scores one question. */
    public QuestionResult score(Question question, MultipleChoiceTemplate template) {
        return scoreAll(List.of(question), template, ScoringProgress.NONE).get(0);
    }

    /** Scores every question of the set; result i is question i. */
    public List<QuestionResult> score(QuestionSet set, MultipleChoiceTemplate template, ScoringProgress progress) {
        return scoreAll(set.questions(), template, progress);
    }

    private List<QuestionResult> scoreAll(List<Question> questions, MultipleChoiceTemplate template,
                                          ScoringProgress progress) {
        RequestEncoder encoder = new RequestEncoder(model.tokenizer(), template.format());
        List<QuestionResult> results = new ArrayList<>(questions.size());
        for (int from = 0; from < questions.size(); from += questionsPerCall) {
            List<Question> chunk = questions.subList(from, Math.min(from + questionsPerCall, questions.size()));
            List<MultipleChoicePrompt> prompts = chunk.stream().map(template::render).toList();
            List<LoglikelihoodRequest> requests = new ArrayList<>();
            for (MultipleChoicePrompt prompt : prompts) {
                requests.addAll(encoder.encodeChoices(prompt.context(), prompt.continuations()));
            }
            List<Loglikelihood> answers;
            try {
                answers = model.loglikelihood(requests);
            } catch (LoglikelihoodFailure e) {
                throw new IllegalStateException(failed(prompts, e) + ": " + e.getMessage(), e);
            }
            if (answers.size() != requests.size()) {
                throw new IllegalStateException("model answered " + answers.size() + " of " + requests.size()
                        + " loglikelihood requests for questions " + chunk.get(0).id() + " .. "
                        + chunk.get(chunk.size() - 1).id());
            }
            int next = 0;
            for (int q = 0; q < chunk.size(); q++) {
                int choices = prompts.get(q).choiceLabels().size();
                results.add(result(chunk.get(q), answers.subList(next, next + choices)));
                next += choices;
            }
            progress.questionsScored(results.size(), questions.size());
        }
        return results;
    }

    /**
     * Names the question and choice of the failed request ({@code question mmlu/anatomy/test/7 choice 2 "C"}), and
     * the last one when the failure covers several requests (a whole batch sent to a server).
     */
    private static String failed(List<MultipleChoicePrompt> prompts, LoglikelihoodFailure failure) {
        int total = prompts.stream().mapToInt(prompt -> prompt.choiceLabels().size()).sum();
        int first = failure.requestIndex();
        int last = (int) Math.min(total, (long) first + failure.requests()) - 1;
        if (first < 0 || first >= total) {
            return "request " + first + " of a call of " + total + " requests (no such request)";
        }
        return first == last ? choice(prompts, first)
                : choice(prompts, first) + " (and the " + (last - first) + " requests after it, through "
                        + choice(prompts, last) + ")";
    }

    /** {@code question <id> choice <index> "<label>"} for request {@code index} of a call. */
    private static String choice(List<MultipleChoicePrompt> prompts, int index) {
        int next = 0;
        for (MultipleChoicePrompt prompt : prompts) {
            List<String> labels = prompt.choiceLabels();
            if (index < next + labels.size()) {
                String label = labels.get(index - next);
                return "question " + prompt.questionId() + " choice " + (index - next) + " \""
                        + (label.length() <= 40 ? label : label.substring(0, 40) + "...") + "\"";
            }
            next += labels.size();
        }
        throw new IllegalArgumentException("request index " + index + " is past the " + next + " requests of the call");
    }

    private static QuestionResult result(Question question, List<Loglikelihood> perChoice) {
        double[] loglikelihoods = new double[perChoice.size()];
        boolean[] isGreedy = new boolean[perChoice.size()];
        for (int i = 0; i < loglikelihoods.length; i++) {
            loglikelihoods[i] = perChoice.get(i).value();
            isGreedy[i] = perChoice.get(i).isGreedy();
        }
        return new QuestionResult(question.id(), question.answer(), MultipleChoiceMetrics.argmax(loglikelihoods),
                loglikelihoods, isGreedy);
    }
}

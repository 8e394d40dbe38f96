package dev.wmdpjunit.core.scoring;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodFailure;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.Tokenizer;
import dev.wmdpjunit.core.prompt.AnswerStyle;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.testing.ByteTokenizer;
import dev.wmdpjunit.core.testing.LmEvalGolden;
import dev.wmdpjunit.core.testing.LmEvalGolden.Doc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipleChoiceScorerTest {

    private static final LmEvalGolden GOLDEN = LmEvalGolden.load();

    private static QuestionSet goldenSet(List<Doc> docs) {
        return new QuestionSet(LmEvalGolden.SUBJECT, docs.stream().map(Doc::question).toList(),
                GOLDEN.file().toString(), Sha256.ofFile(GOLDEN.file()));
    }

    @ParameterizedTest
    @EnumSource(PromptFormat.class)
    void scoresEveryQuestionAsLmEvalDid(PromptFormat format) {
        List<Doc> docs = GOLDEN.variant(format).docs();
        MultipleChoiceTemplate template = MultipleChoiceTemplate.wmdp(LmEvalGolden.SUBJECT, format);

        List<QuestionResult> results = new MultipleChoiceScorer(new GoldenLanguageModel(GOLDEN), 16)
                .score(goldenSet(docs), template, ScoringProgress.NONE);

        assertThat(results).hasSameSizeAs(docs);
        for (int i = 0; i < docs.size(); i++) {
            Doc doc = docs.get(i);
            QuestionResult result = results.get(i);
            assertThat(result.id()).isEqualTo(doc.question().id());
            assertThat(result.loglikelihoods()).as("doc %d", doc.index()).containsExactly(doc.loglikelihoods());
            assertThat(result.isGreedy()).as("doc %d", doc.index()).containsExactly(doc.isGreedyPerChoice());
            assertThat(result.predicted()).as("doc %d", doc.index()).isEqualTo(doc.predictedIndex());
            assertThat(result.gold()).isEqualTo(doc.gold());
            assertThat(result.correct() ? 1.0 : 0.0).as("doc %d acc", doc.index()).isEqualTo(doc.acc());
            int predictedNorm = MultipleChoiceMetrics.argmaxLengthNormalized(result.loglikelihoods(),
                    template.render(doc.question()).choiceLabels());
            assertThat(predictedNorm == doc.gold() ? 1.0 : 0.0).as("doc %d acc_norm", doc.index())
                    .isEqualTo(doc.accNorm());
        }
    }

    @Test
    void theGoldenVariantsDisagreeSoTheFormatMatters() {
        assertThat(GOLDEN.variant(PromptFormat.LM_EVAL_0_4_4).docs().get(0).predictedIndex())
                .isNotEqualTo(GOLDEN.variant(PromptFormat.LM_EVAL_0_4_9_2).docs().get(0).predictedIndex());
    }

    @Test
    void handsTheModelWholeQuestionsPerCallAndReportsProgress() {
        GoldenLanguageModel model = new GoldenLanguageModel(GOLDEN);
        List<String> progress = new ArrayList<>();
        List<Doc> docs = GOLDEN.variant(PromptFormat.LM_EVAL_0_4_2).docs();

        List<QuestionResult> results = new MultipleChoiceScorer(model, 3).score(goldenSet(docs),
                MultipleChoiceTemplate.wmdp(LmEvalGolden.SUBJECT, PromptFormat.LM_EVAL_0_4_2),
                (done, total) -> progress.add(done + "/" + total));

        assertThat(model.requestsPerCall()).containsExactly(12, 4);
        assertThat(progress).containsExactly("3/4", "4/4");
        assertThat(results).extracting(QuestionResult::id)
                .containsExactlyElementsOf(docs.stream().map(d -> d.question().id()).toList());
    }

    @Test
    void scoresASingleQuestion() {
        Doc doc = GOLDEN.variant(PromptFormat.LM_EVAL_0_4_9_2).docs().get(1);

        QuestionResult result = new MultipleChoiceScorer(new GoldenLanguageModel(GOLDEN), 1)
                .score(doc.question(), MultipleChoiceTemplate.wmdp(LmEvalGolden.SUBJECT, PromptFormat.LM_EVAL_0_4_9_2));

        assertThat(result.loglikelihoods()).containsExactly(doc.loglikelihoods());
    }

    @Test
    void tiedLoglikelihoodsPredictTheFirstChoice() {
        Question question = new Question("custom/1", "custom", "Which invented gem glows?",
                List.of("Lumite", "Darkite", "Glowite", "Dimite"), 2);

        QuestionResult result = new MultipleChoiceScorer(new ConstantModel(4), 8)
                .score(question, MultipleChoiceTemplate.custom(null, PromptFormat.DEFAULT));

        assertThat(result.loglikelihoods()).containsExactly(-1.0, -1.0, -1.0, -1.0);
        assertThat(result.predicted()).isZero();
        assertThat(result.correct()).isFalse();
    }

    @Test
    void aModelThatDropsAnswersIsAnError() {
        Question question = new Question("custom/2", "custom", "Which invented gem glows?",
                List.of("Lumite", "Darkite", "Glowite", "Dimite"), 2);

        assertThatThrownBy(() -> new MultipleChoiceScorer(new ConstantModel(3), 8)
                .score(question, MultipleChoiceTemplate.custom(null, PromptFormat.DEFAULT)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("3 of 4").hasMessageContaining("custom/2");
        assertThatThrownBy(() -> new MultipleChoiceScorer(new ConstantModel(4), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final List<Question> SPLIT = java.util.stream.IntStream.range(0, 4)
            .mapToObj(i -> new Question("mmlu/anatomy/test/" + i, "anatomy", "Which invented gem glows " + i + "?",
                    List.of("Lumite", "Darkite", "Glowite", "Dimite"), 2)).toList();

    private static void scoreSplit(LanguageModel model) {
        new MultipleChoiceScorer(model, 2).score(new QuestionSet("anatomy", SPLIT, "anatomy.csv", "0".repeat(64)),
                MultipleChoiceTemplate.custom(null, PromptFormat.DEFAULT), ScoringProgress.NONE);
    }

    @Test
    void aFailedAnswerNamesTheQuestionByItsIdAndTheChoice() {
        // Calls carry 2 questions (8 requests); request 6 of the second call is question 3's choice 2.
        assertThatThrownBy(() -> scoreSplit(new FailingModel(2, 6, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("question mmlu/anatomy/test/3 choice 2 \"C\": the server's answer has a NaN")
                .hasCauseInstanceOf(LoglikelihoodFailure.class);
        assertThatThrownBy(() -> scoreSplit(new FailingModel(1, 0, 1)))
                .hasMessageStartingWith("question mmlu/anatomy/test/0 choice 0 \"A\": ");
    }

    @Test
    void aFailureOfSeveralRequestsNamesTheFirstAndTheLast() {
        // A batch of 4 requests from request 2 of the first call: question 0 choices 2, 3 and question 1 choices 0, 1.
        assertThatThrownBy(() -> scoreSplit(new FailingModel(1, 2, 4)))
                .hasMessage("question mmlu/anatomy/test/0 choice 2 \"C\" (and the 3 requests after it, through"
                        + " question mmlu/anatomy/test/1 choice 1 \"B\"): the server's answer has a NaN");
        // A count past the end of the call stops at its last request.
        assertThatThrownBy(() -> scoreSplit(new FailingModel(2, 6, 16)))
                .hasMessageStartingWith("question mmlu/anatomy/test/3 choice 2 \"C\" (and the 1 requests after it,"
                        + " through question mmlu/anatomy/test/3 choice 3 \"D\"): ");
    }

    @Test
    void theContinuationStyleNamesTheChoiceByItsText() {
        Question question = new Question("mmlu/anatomy/test/9", "anatomy", "Which invented gem glows?",
                List.of("Lumite", "Darkite", "Glowite, the gem that glows in every dark cave of the invented land",
                        "Dimite"), 2);
        MultipleChoiceTemplate continuation = MultipleChoiceTemplate.custom(null, PromptFormat.DEFAULT,
                AnswerStyle.CONTINUATION);

        assertThatThrownBy(() -> new MultipleChoiceScorer(new FailingModel(1, 2, 1), 1).score(question, continuation))
                .hasMessageStartingWith("question mmlu/anatomy/test/9 choice 2 \"Glowite, the gem that glows in every"
                        + " dar...\": ");
    }

    /** Fails call number {@code call} (from 1) at request {@code index}, covering {@code requests} requests. */
    private static final class FailingModel implements LanguageModel {
        private final int call;
        private final int index;
        private final int requests;
        private int calls;

        FailingModel(int call, int index, int requests) {
            this.call = call;
            this.index = index;
            this.requests = requests;
        }

        @Override
        public Tokenizer tokenizer() {
            return new ByteTokenizer();
        }

        @Override
        public int maxLength() {
            return 512;
        }

        @Override
        public List<Loglikelihood> loglikelihood(List<LoglikelihoodRequest> all) {
            if (++calls == call) {
                throw new LoglikelihoodFailure(index, requests, "the server's answer has a NaN", null);
            }
            return all.stream().map(r -> new Loglikelihood(-1.0, false)).toList();
        }
    }

    /** Answers -1.0 to every request, but only to the first {@code answers} of each call. */
    private record ConstantModel(int answers) implements LanguageModel {
        @Override
        public Tokenizer tokenizer() {
            return new ByteTokenizer();
        }

        @Override
        public int maxLength() {
            return 128;
        }

        @Override
        public List<Loglikelihood> loglikelihood(List<LoglikelihoodRequest> requests) {
            return requests.stream().limit(answers).map(r -> new Loglikelihood(-1.0, false)).toList();
        }
    }
}

package dev.wmdpjunit.djl.runtime;

import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.scoring.MultipleChoiceScorer;
import dev.wmdpjunit.core.scoring.ScoringProgress;
import dev.wmdpjunit.core.testing.ByteTokenizer;
import dev.wmdpjunit.core.testing.LmEvalGolden;
import dev.wmdpjunit.core.testing.LmEvalGolden.Doc;
import dev.wmdpjunit.core.testing.LmEvalGolden.TokenRequest;
import dev.wmdpjunit.djl.model.CausalLm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * lm-evaluation-harness's own numbers for the golden questions on the tiny golden llama with the toy byte
 * tokenizer, reproduced through the real wmdp-core path: {@link MultipleChoiceScorer} renders and encodes the
 * prompts, and the DJL model scores them.
 */
class LmEvalGoldenTest {

    private static final double TOLERANCE = 1e-4;
    private static final LmEvalGolden GOLDEN = LmEvalGolden.load();

    private static DjlLanguageModel model;

    @BeforeAll
    static void open() {
        model = DjlLanguageModel.of(CausalLm.load(SharedFolders.goldenLlama()), new ByteTokenizer(),
                GOLDEN.maxLength(), new ModelOptions(3, 0));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void theDerivedMaxLengthIsTheOneLmEvalUsed() {
        assertThat(ModelMaxLength.of(SharedFolders.goldenLlama())).isEqualTo(GOLDEN.maxLength());
    }

    @ParameterizedTest
    @EnumSource(PromptFormat.class)
    void everyChoiceMatchesLmEval(PromptFormat format) {
        List<Doc> docs = GOLDEN.variant(format).docs();
        QuestionSet set = new QuestionSet(LmEvalGolden.SUBJECT, docs.stream().map(Doc::question).toList(),
                GOLDEN.file().toString(), Sha256.ofFile(GOLDEN.file()));

        List<QuestionResult> results = new MultipleChoiceScorer(model, 16)
                .score(set, MultipleChoiceTemplate.wmdp(LmEvalGolden.SUBJECT, format), ScoringProgress.NONE);

        assertThat(docs).anyMatch(Doc::truncationDemo);
        for (int i = 0; i < docs.size(); i++) {
            Doc doc = docs.get(i);
            QuestionResult result = results.get(i);
            for (int choice = 0; choice < doc.loglikelihoods().length; choice++) {
                assertThat(result.loglikelihoods()[choice]).as("%s doc %d choice %d", format, doc.index(), choice)
                        .isCloseTo(doc.loglikelihoods()[choice], within(TOLERANCE));
            }
            assertThat(result.isGreedy()).as("%s doc %d is_greedy", format, doc.index())
                    .containsExactly(doc.isGreedyPerChoice());
            assertThat(result.predicted()).as("%s doc %d prediction", format, doc.index())
                    .isEqualTo(doc.predictedIndex());
        }
    }

    @Test
    void theTokenLevelRequestIsTheModelsGreedyOutput() {
        TokenRequest golden = GOLDEN.extraTokenLevelRequest();

        Loglikelihood answer = model.loglikelihood(
                List.of(new LoglikelihoodRequest(golden.contextEnc(), golden.continuationEnc()))).get(0);

        assertThat(golden.isGreedy()).isTrue();
        assertThat(answer.isGreedy()).isTrue();
        assertThat(answer.value()).isCloseTo(golden.loglikelihood(), within(TOLERANCE));
    }
}

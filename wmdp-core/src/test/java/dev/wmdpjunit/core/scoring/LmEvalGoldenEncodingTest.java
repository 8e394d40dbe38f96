package dev.wmdpjunit.core.scoring;

import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.prompt.MultipleChoicePrompt;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.testing.ByteTokenizer;
import dev.wmdpjunit.core.testing.LmEvalGolden;
import dev.wmdpjunit.core.testing.LmEvalGolden.Doc;
import dev.wmdpjunit.core.testing.LmEvalGolden.Request;
import dev.wmdpjunit.core.testing.LmEvalGolden.TokenRequest;
import dev.wmdpjunit.core.testing.LmEvalGolden.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Prompts, token ids and fed windows against what lm-eval produced for the golden file, for every request. */
class LmEvalGoldenEncodingTest {

    private static final LmEvalGolden GOLDEN = LmEvalGolden.load();

    @Test
    void theGoldenHasOneVariantPerPromptFormatAndATruncatedRequest() {
        assertThat(GOLDEN.variants()).extracting(Variant::format).containsExactlyInAnyOrder(PromptFormat.values());
        assertThat(GOLDEN.variants()).allSatisfy(v -> assertThat(v.docs()).hasSize(4)
                .anySatisfy(doc -> assertThat(doc.truncationDemo()).isTrue()));
        assertThat(GOLDEN.maxLength()).isEqualTo(128);
    }

    @ParameterizedTest
    @EnumSource(PromptFormat.class)
    void promptsAreLmEvalsPrompts(PromptFormat format) {
        Variant variant = GOLDEN.variant(format);
        MultipleChoiceTemplate template = MultipleChoiceTemplate.wmdp(LmEvalGolden.SUBJECT, format);

        for (Doc doc : variant.docs()) {
            MultipleChoicePrompt prompt = template.render(doc.question());

            assertThat(prompt.context()).as("doc %d", doc.index()).isEqualTo(doc.prompt());
            assertThat(doc.requests()).extracting(Request::context).containsOnly(prompt.context());
            assertThat(doc.requests()).extracting(Request::continuation).containsExactlyElementsOf(prompt.continuations());
        }
    }

    @ParameterizedTest
    @EnumSource(PromptFormat.class)
    void tokenIdsAndFedWindowsAreLmEvals(PromptFormat format) {
        Variant variant = GOLDEN.variant(format);
        RequestEncoder encoder = new RequestEncoder(new ByteTokenizer(), format);
        assertThat(format.addSpecialTokens()).isEqualTo(variant.addSpecialTokens());

        for (Doc doc : variant.docs()) {
            for (Request golden : doc.requests()) {
                String where = "doc " + doc.index() + " choice " + golden.choiceIndex();
                LoglikelihoodRequest request = encoder.encode(golden.context(), golden.continuation());
                FedWindow window = FedWindow.of(request, GOLDEN.maxLength());

                assertThat(request.context()).as(where).containsExactly(golden.contextEnc());
                assertThat(request.continuation()).as(where).containsExactly(golden.continuationEnc());
                assertThat(window.inputIds()).as(where).containsExactly(golden.modelInputIds());
                assertThat(window.scoredPositions()).as(where).containsExactly(golden.scoredPositions());
                int full = request.context().length + request.continuation().length;
                assertThat(window.inputIds().length < full - 1).as(where).isEqualTo(golden.truncated());
                assertThat(golden.truncated()).as(where).isEqualTo(doc.truncationDemo());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PromptFormat.class)
    void eachQuestionsFourChoicesShareOneForwardPass(PromptFormat format) {
        RequestEncoder encoder = new RequestEncoder(new ByteTokenizer(), format);

        for (Doc doc : GOLDEN.variant(format).docs()) {
            List<LoglikelihoodRequest> requests = doc.requests().stream()
                    .map(r -> encoder.encode(r.context(), r.continuation())).toList();
            ForwardPlan plan = ForwardPlan.of(requests, GOLDEN.maxLength());

            assertThat(plan.windows()).as("doc %d", doc.index()).singleElement()
                    .satisfies(window -> assertThat(window.inputIds()).containsExactly(doc.requests().get(0).modelInputIds()))
                    .satisfies(window -> assertThat(window.targets()).hasSize(4));
        }
    }

    @Test
    void theTokenLevelRequestIsFedAndScoredAsLmEvalDid() {
        TokenRequest golden = GOLDEN.extraTokenLevelRequest();
        LoglikelihoodRequest request = new LoglikelihoodRequest(golden.contextEnc(), golden.continuationEnc());
        FedWindow window = FedWindow.of(request, GOLDEN.maxLength());
        int length = golden.modelInputIds().length;

        assertThat(window.inputIds()).containsExactly(golden.modelInputIds());
        assertThat(window.scoredPositions()).containsExactly(length - 3, length - 2, length - 1);

        // The golden continuation is the model's greedy output, so its rows' argmax are its tokens.
        Loglikelihood answer = ForwardPlan.of(List.of(request), GOLDEN.maxLength()).score(1, batch -> List.of(
                new ForwardPlan.LogProbRows() {
                    @Override
                    public float logProb(int position, int tokenId) {
                        int j = position - window.firstScoredPosition();
                        assertThat(tokenId).isEqualTo(golden.continuationEnc()[j]);
                        return (float) golden.perTokenLogprobs()[j];
                    }

                    @Override
                    public int argmax(int position) {
                        return golden.continuationEnc()[position - window.firstScoredPosition()];
                    }
                })).get(0);

        assertThat(answer).isEqualTo(new Loglikelihood(golden.loglikelihood(), golden.isGreedy()));
    }
}

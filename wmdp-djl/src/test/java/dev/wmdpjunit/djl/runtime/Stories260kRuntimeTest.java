package dev.wmdpjunit.djl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wmdpjunit.core.model.Claim;
import dev.wmdpjunit.core.model.LanguageModelProvider;
import dev.wmdpjunit.core.model.ModelIdentity;
import dev.wmdpjunit.core.model.ModelProviders;
import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.model.ProviderSettings;
import dev.wmdpjunit.djl.model.GreedyDecoding;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.scoring.RequestEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The real pretrained stories260K opened from its directory as a {@link LanguageModel}: its tokenizer, its
 * lm-eval-style multiple-choice requests and its greedy generation against the HF goldens of golden.json.
 */
class Stories260kRuntimeTest {

    private static final double TOLERANCE = 1e-4;
    private static final Path FOLDER = SharedFolders.stories260k();
    private static final JsonNode GOLDEN = SharedFolders.readJson(FOLDER.resolve("golden.json"));

    private static DjlLanguageModel model;

    @BeforeAll
    static void open() {
        model = DjlLanguageModel.open(FOLDER, new ModelOptions(4, 0));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void maxLengthComesFromMaxPositionEmbeddings() {
        assertThat(model.maxLength()).isEqualTo(512).isEqualTo(SharedFolders.readJson(FOLDER.resolve("config.json"))
                .get("max_position_embeddings").asInt());
    }

    @Test
    void theTokenizerEncodesEveryGoldenPrompt() {
        Iterator<Map.Entry<String, JsonNode>> prompts = GOLDEN.get("prompts").fields();
        int checked = 0;
        while (prompts.hasNext()) {
            Map.Entry<String, JsonNode> prompt = prompts.next();
            assertThat(model.tokenizer().encode(prompt.getValue().get("text").asText(), true))
                    .as(prompt.getKey()).containsExactly(SharedFolders.ints(prompt.getValue().get("input_ids")));
            checked++;
        }
        assertThat(checked).isEqualTo(4);
    }

    /** no_bos is lm-eval 0.4.4 to 0.4.9.1 (description followed by a blank line), bos is 0.4.9.2 and later. */
    @ParameterizedTest
    @CsvSource({"no_bos, LM_EVAL_0_4_4", "bos, LM_EVAL_0_4_9_2"})
    void multipleChoiceRequestsMatchTheGolden(String variant, PromptFormat format) {
        JsonNode golden = GOLDEN.at("/lmeval_multiple_choice/variants/" + variant);
        RequestEncoder encoder = new RequestEncoder(model.tokenizer(), format);
        List<LoglikelihoodRequest> requests = new ArrayList<>();
        for (JsonNode request : golden.get("requests")) {
            LoglikelihoodRequest encoded = encoder.encode(request.get("context").asText(),
                    request.get("continuation").asText());
            assertThat(encoded.context()).containsExactly(SharedFolders.ints(request.get("context_enc")));
            assertThat(encoded.continuation()).containsExactly(SharedFolders.ints(request.get("continuation_enc")));
            requests.add(encoded);
        }

        List<Loglikelihood> answers = model.loglikelihood(requests);

        assertThat(answers).hasSize(4);
        for (int i = 0; i < answers.size(); i++) {
            JsonNode request = golden.get("requests").get(i);
            assertThat(answers.get(i).value()).as("choice %d", i)
                    .isCloseTo(request.get("loglikelihood").asDouble(), within(TOLERANCE))
                    .isCloseTo(golden.get("loglikelihoods").get(i).asDouble(), within(TOLERANCE));
            assertThat(answers.get(i).isGreedy()).as("choice %d", i).isEqualTo(request.get("is_greedy").asBoolean());
        }
    }

    @Test
    void greedyGenerationFromZooReproducesTheReferenceText() {
        JsonNode zoo = GOLDEN.at("/generation/zoo");

        String text = GreedyDecoding.generate(model, zoo.get("prompt").asText(), zoo.get("max_new_tokens").asInt());

        assertThat(text).isEqualTo(zoo.get("decoded_all_skip_special").asText());
    }

    @Test
    void theProviderIsRegisteredAndOpensTheDirectory() {
        LanguageModelProvider provider = LanguageModelProvider.installed().stream()
                .filter(p -> p instanceof DjlLanguageModelProvider).findFirst().orElseThrow();

        assertThat(provider.name()).isEqualTo("djl-pytorch");
        ModelReference reference = ModelReference.of(FOLDER, "test");
        assertThat(provider.claim(reference, ProviderSettings.NONE)).isEqualTo(Claim.mine());
        assertThat(ModelProviders.claimant(reference, ProviderSettings.NONE)).isInstanceOf(
                DjlLanguageModelProvider.class);
        try (OpenedModel opened = ModelProviders.open(reference, ModelOptions.DEFAULT, ProviderSettings.NONE)) {
            assertThat(opened.model().maxLength()).isEqualTo(512);
            assertThat(opened.model().tokenizer().encode("Zoo", true)).containsExactly(1, 410, 469, 347);
            assertThat(opened.identity()).isEqualTo(ModelIdentity.folder(FOLDER.toString(),
                    ModelIdentity.fingerprint(FOLDER)));
        }
    }
}

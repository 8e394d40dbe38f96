package dev.wmdpjunit.djl.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.core.model.Claim;
import dev.wmdpjunit.core.model.LanguageModelProvider;
import dev.wmdpjunit.core.model.ModelProviders;
import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.core.model.ModelReferenceException;
import dev.wmdpjunit.core.model.ProviderSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A broken checkpoint is claimed by the DJL provider, which reports the real cause (file and key), instead of
 * "no provider supports it". Claims read no weights, so the folders here hold only the files that matter.
 */
class DjlLanguageModelProviderTest {

    private static final String VALID_CONFIG = "{\"model_type\": \"llama\", \"hidden_size\": 8}";
    private static final List<LanguageModelProvider> DJL = List.of(new DjlLanguageModelProvider());

    @TempDir
    Path root;
    private Path folder;

    @BeforeEach
    void writeCheckpoint() throws IOException {
        folder = Files.createDirectories(root.resolve("ckpt"));
        Files.writeString(folder.resolve("config.json"), VALID_CONFIG);
        Files.writeString(folder.resolve("tokenizer.json"), "{}");
        Files.write(folder.resolve("model.safetensors"), new byte[8]);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> claiming(Path path) {
        ModelReference reference = new ModelReference(path.toString(), "wmdp.model");
        return assertThatThrownBy(() -> ModelProviders.claimant(reference, ProviderSettings.NONE, DJL))
                .isInstanceOf(ModelReferenceException.class)
                .hasMessageStartingWith("wmdp.model = '" + path + "': ");
    }

    @Test
    void aCompleteFolderIsClaimed() {
        ModelReference reference = new ModelReference(folder.toString(), "wmdp.model");
        assertThat(DJL.get(0).claim(reference, ProviderSettings.NONE)).isEqualTo(Claim.mine());
        assertThat(ModelProviders.claimant(reference, ProviderSettings.NONE, DJL)).isSameAs(DJL.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "truncated        | {\"model_type\": \"llama\", \"hidden_si | : not valid JSON (Unexpected end-of-input",
        "empty            | ``                                | : expected a JSON object, got an empty file",
        "not an object    | [1, 2]                            | : expected a JSON object, got array",
        "unknown type     | {\"model_type\": \"bert\"}          | : model_type 'bert' is not supported; supported: llama, mistral, mixtral, qwen2, gpt_neox, gpt2",
        "missing type     | {\"hidden_size\": 8}                | : key 'model_type' is missing; supported: llama, mistral",
        "type not a text  | {\"model_type\": 7}                 | : key 'model_type' is not a string (7); supported: llama"})
    void aBrokenConfigIsReportedWithItsFileAndKey(String broken, String config, String problem) throws IOException {
        Files.writeString(folder.resolve("config.json"), config);
        claiming(folder).hasMessageContaining("djl-pytorch: " + folder.resolve("config.json") + problem)
                .hasMessageNotContaining("no installed LanguageModelProvider");
    }

    @Test
    void aTruncatedConfigNamesTheLineAndColumn() throws IOException {
        Files.writeString(folder.resolve("config.json"), "{\n  \"model_type\": \"llama\",\n  \"hidden_si");
        claiming(folder).hasMessageContaining("line 3 column");
    }

    @Test
    void missingConfigIsReportedWhenTheFolderHoldsWeights() throws IOException {
        Files.delete(folder.resolve("config.json"));
        claiming(folder).hasMessageContaining("djl-pytorch: " + folder + " has no config.json");
    }

    @Test
    void missingTokenizerIsReported() throws IOException {
        Files.delete(folder.resolve("tokenizer.json"));
        claiming(folder).hasMessageContaining("djl-pytorch: " + folder + " has no tokenizer.json");
    }

    @Test
    void aCheckpointFileGivenInsteadOfItsFolderNamesTheFolder() {
        Path file = folder.resolve("config.json");
        claiming(file).hasMessageContaining("djl-pytorch: " + file + " is a file; give the checkpoint folder that"
                + " holds it, " + folder.toAbsolutePath());
    }

    @Test
    void aPathThatDoesNotExistNamesItsKey() {
        Path missing = root.resolve("no-such-model");
        claiming(missing).hasMessage("wmdp.model = '" + missing + "': no such file or directory ("
                + missing.toAbsolutePath() + ")");
    }

    @Test
    void onlyWhenNothingRecognisesItDoesTheErrorSayNoProviderOpensIt() throws IOException {
        Path empty = Files.createDirectories(root.resolve("empty"));
        claiming(empty).hasMessageContaining("no installed LanguageModelProvider opens it (djl-pytorch opens a"
                + " local Hugging Face checkpoint folder (config.json with model_type llama")
                .hasMessageContaining("not this: " + empty + " has no config.json")
                .hasMessageContaining("add a backend");
        Path unrelatedFile = Files.writeString(root.resolve("notes.txt"), "x");
        claiming(unrelatedFile).hasMessageContaining("not this: " + unrelatedFile + " is a file, not a checkpoint"
                + " folder");
    }

    @Test
    void anEndpointIsNotDjls() {
        ModelReference endpoint = new ModelReference("http://127.0.0.1:8000/v1", "wmdp.model");
        assertThat(DJL.get(0).claim(endpoint, ProviderSettings.NONE).verdict()).isEqualTo(Claim.Verdict.NOT_MINE);
        assertThatThrownBy(() -> ModelProviders.claimant(endpoint, ProviderSettings.NONE, DJL))
                .hasMessageStartingWith("wmdp.model = 'http://127.0.0.1:8000/v1': no installed"
                        + " LanguageModelProvider opens it (djl-pytorch opens")
                .hasMessageContaining("not this: not a local path");
    }
}

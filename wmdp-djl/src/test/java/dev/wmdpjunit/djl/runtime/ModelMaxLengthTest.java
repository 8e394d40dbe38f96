package dev.wmdpjunit.djl.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelMaxLengthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static int derive(String config, String tokenizerConfig) throws Exception {
        return ModelMaxLength.derive(JSON.readTree(config), JSON.readTree(tokenizerConfig), "dir");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"n_positions\": 1024, \"max_position_embeddings\": 4096, \"n_ctx\": 8}  | {}                        | 1024",
            "{\"max_position_embeddings\": 4096, \"n_ctx\": 8}                         | {}                        | 4096",
            "{\"n_ctx\": 8}                                                            | {\"model_max_length\": 9} | 8",
            "{\"text_config\": {\"max_position_embeddings\": 32}, \"n_positions\": 64} | {}                        | 32",
            "{}                                                                        | {\"model_max_length\": 77}| 77",
            "{}                                                                        | {}                        | 2048",
            "{}                          | {\"model_max_length\": 1000000000000000019884624838656}                  | 2048",
            "{\"max_position_embeddings\": null}                                       | {}                        | 2048"})
    void followsLmEvalsOrder(String config, String tokenizerConfig, int expected) throws Exception {
        assertThat(derive(config, tokenizerConfig)).isEqualTo(expected);
    }

    @Test
    void rejectsValuesThatAreNotPositiveIntegers() {
        assertThatThrownBy(() -> derive("{\"max_position_embeddings\": \"512\"}", "{}"))
                .hasMessageContaining("dir/config.json: max_position_embeddings");
        assertThatThrownBy(() -> derive("{\"n_positions\": 0}", "{}")).hasMessageContaining("n_positions");
        assertThatThrownBy(() -> derive("{}", "{\"model_max_length\": 1.5}"))
                .hasMessageContaining("dir/tokenizer_config.json: model_max_length");
    }

    @Test
    void readsADirectory() {
        assertThat(ModelMaxLength.of(SharedFolders.stories260k())).isEqualTo(512);
    }
}

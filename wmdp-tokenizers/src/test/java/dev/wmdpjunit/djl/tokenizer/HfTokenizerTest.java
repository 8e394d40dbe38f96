package dev.wmdpjunit.djl.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.testing.SharedFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HfTokenizerTest {

    /** The real stories260K tokenizer. */
    private static final Path STORIES = SharedFolder.stories260K();
    private static HfTokenizer stories;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadStoriesTokenizer() {
        stories = HfTokenizer.load(STORIES);
    }

    @AfterAll
    static void closeStoriesTokenizer() {
        stories.close();
    }

    static Stream<Arguments> goldenCases() throws IOException {
        JsonNode golden = new ObjectMapper().readTree(STORIES.resolve("tokenizer_golden.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : golden.get("cases")) {
            cases.add(Arguments.of(c.get("text").textValue(), ints(c.get("ids")), ints(c.get("ids_without_bos")),
                    c.get("decode_skip_special_tokens").textValue(), c.get("decode_with_special_tokens").textValue()));
        }
        assertThat(cases).hasSize(golden.get("n_cases").intValue());
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("goldenCases")
    void matchesTheGoldenEncodingsAndDecodings(String text, int[] ids, int[] idsWithoutBos, String decoded,
                                               String decodedWithSpecialTokens) {
        assertThat(stories.encode(text, true)).containsExactly(ids);
        assertThat(stories.encode(text, false)).containsExactly(idsWithoutBos);
        assertThat(stories.decode(ids)).isEqualTo(decoded);
        assertThat(stories.decode(ids, false)).isEqualTo(decodedWithSpecialTokens);
    }

    /** {@link HfTokenizer#encode} reads the ids only; they are what DJL's full {@code encode} gives. */
    @Test
    void encodesAsDjlsFullEncode() throws IOException {
        List<String> texts = new ArrayList<>(List.of("", " ", "<s>Once upon a time", "Answer: A", "  two  spaces \n\n",
                "caf\u00e9 \u00fcber na\u00efve \u4e2d\u6587 \ud83d\ude00", "Once upon a time, there was a dog. ".repeat(40)));
        goldenCases().forEach(c -> texts.add((String) c.get()[0]));
        try (HuggingFaceTokenizer djl = HuggingFaceTokenizer.newInstance(STORIES.resolve("tokenizer.json"),
                Map.of("truncation", "false", "padding", "false"))) {
            for (String text : texts) {
                for (boolean special : new boolean[] {true, false}) {
                    assertThat(stories.encode(text, special)).as("'%s' %s", text, special)
                            .containsExactly(Arrays.stream(djl.encode(text, special, false).getIds())
                                    .mapToInt(Math::toIntExact).toArray());
                }
            }
        }
    }

    @Test
    void readsTheSpecialTokens() {
        assertThat(stories.bosTokenId()).hasValue(1);
        assertThat(stories.eosTokenId()).hasValue(2);
        assertThat(stories.bosToken()).contains("<s>");
        assertThat(stories.eosToken()).contains("</s>");
        assertThat(stories.vocabularySize()).isEqualTo(512);
    }

    @Test
    void neitherTruncatesNorPads() {
        String text = "Once upon a time, there was a little dog named Max. ".repeat(60);
        int[] ids = stories.encode(text, true);
        assertThat(ids.length).isGreaterThan(600); // beyond model_max_length 512
        assertThat(stories.decode(ids)).isEqualTo(text);
        assertThat(stories.encode("Zoo", true)).hasSize(4);
    }

    @Test
    void refusesIdsOutsideTheVocabulary() {
        assertThatThrownBy(() -> stories.decode(new int[]{1, 512}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token id 512 at position 1 is outside the vocabulary [0, 512)");
        assertThatThrownBy(() -> stories.decode(new int[]{-1}))
                .hasMessageContaining("token id -1 at position 0");
    }

    @Test
    void closingFreesTheNativeTokenizer() {
        HfTokenizer tokenizer = HfTokenizer.load(STORIES);
        tokenizer.close();
        tokenizer.close();
        assertThatThrownBy(() -> tokenizer.encode("Zoo", true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutTokenizerFilesFallsBackToGenerationConfigThenConfig() throws IOException {
        copyTokenizerJson();
        write("generation_config.json", "{\"bos_token_id\": 1}");
        write("config.json", "{\"bos_token_id\": 0, \"eos_token_id\": [2, 0]}");
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            assertThat(tokenizer.bosTokenId()).hasValue(1);
            assertThat(tokenizer.bosToken()).contains("<s>");
            assertThat(tokenizer.eosTokenId()).hasValue(2);
            assertThat(tokenizer.eosToken()).contains("</s>");
        }
    }

    @Test
    void withNoConfigurationHasNoSpecialTokens() throws IOException {
        copyTokenizerJson();
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            assertThat(tokenizer.bosTokenId()).isEmpty();
            assertThat(tokenizer.eosTokenId()).isEmpty();
            assertThat(tokenizer.bosToken()).isEmpty();
            // The post-processor of tokenizer.json still adds BOS: special tokens are its business.
            assertThat(tokenizer.encode("Zoo", true)).containsExactly(1, 410, 469, 347);
        }
    }

    @Test
    void tokenizerConfigOutranksTheModelConfigs() throws IOException {
        copyTokenizerJson();
        write("tokenizer_config.json", "{\"bos_token\": {\"__type\": \"AddedToken\", \"content\": \"<unk>\"}, \"eos_token\": null}");
        write("generation_config.json", "{\"bos_token_id\": 1, \"eos_token_id\": 2}");
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            assertThat(tokenizer.bosTokenId()).hasValue(0);
            assertThat(tokenizer.bosToken()).contains("<unk>");
            assertThat(tokenizer.eosTokenId()).as("an explicit null means no EOS").isEmpty();
        }
    }

    @Test
    void specialTokensMapOverridesALegacyTokenizerConfigOnly() throws IOException {
        copyTokenizerJson();
        write("special_tokens_map.json", "{\"bos_token\": \"</s>\", \"eos_token\": {\"content\": \"<unk>\"}}");
        write("tokenizer_config.json", "{\"bos_token\": \"<s>\"}");
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            assertThat(tokenizer.bosTokenId()).hasValue(2);
            assertThat(tokenizer.eosTokenId()).hasValue(0);
        }
        write("tokenizer_config.json", "{\"bos_token\": \"<s>\", \"added_tokens_decoder\": {}}");
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            assertThat(tokenizer.bosTokenId()).as("current layout: tokenizer_config.json wins").hasValue(1);
            assertThat(tokenizer.eosTokenId()).as("key absent from tokenizer_config.json").hasValue(0);
        }
    }

    @Test
    void refusesSpecialTokensTheVocabularyLacks() throws IOException {
        copyTokenizerJson();
        write("tokenizer_config.json", "{\"bos_token\": \"<nope>\"}");
        assertThatThrownBy(() -> HfTokenizer.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("tokenizer_config.json") + ": bos_token '<nope>' is not a token of tokenizer.json");
        write("tokenizer_config.json", "{}");
        write("config.json", "{\"eos_token_id\": 9999}");
        assertThatThrownBy(() -> HfTokenizer.load(dir))
                .hasMessage(dir.resolve("config.json") + ": eos_token_id 9999 is not an id of tokenizer.json");
    }

    @Test
    void cleansUpSpacesOnlyWhenConfigured() throws IOException {
        copyTokenizerJson();
        int[] ids = stories.encode("a , b . I 'm", false);
        assertThat(stories.decode(ids)).isEqualTo("a , b . I 'm");
        write("tokenizer_config.json", "{\"clean_up_tokenization_spaces\": true}");
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            assertThat(tokenizer.decode(ids)).isEqualTo("a, b. I'm");
        }
    }

    @Test
    void needsTokenizerJson() {
        assertThatThrownBy(() -> HfTokenizer.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(dir + " has no tokenizer.json");
    }

    private void copyTokenizerJson() throws IOException {
        Files.copy(STORIES.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
    }

    private void write(String name, String json) throws IOException {
        Files.writeString(dir.resolve(name), json);
    }

    private static int[] ints(JsonNode array) {
        return IntStream.range(0, array.size()).map(i -> array.get(i).intValue()).toArray();
    }
}

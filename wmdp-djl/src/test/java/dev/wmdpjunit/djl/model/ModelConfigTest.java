package dev.wmdpjunit.djl.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ModelConfig golden(String arch) {
        return ModelConfig.read(Goldens.goldenDir().resolve(arch).resolve("config.json"));
    }

    private static ObjectNode goldenJson(String arch) {
        return (ObjectNode) Goldens.readJson(Goldens.goldenDir().resolve(arch).resolve("config.json"));
    }

    @Test
    void llamaReadsGroupedQueryAttentionAndRopeTheta() {
        ModelConfig config = golden("llama");
        assertThat(config.architecture()).isEqualTo(Architecture.LLAMA);
        assertThat(config.numLayers()).isEqualTo(4);
        assertThat(config.numHeads()).isEqualTo(4);
        assertThat(config.numKvHeads()).isEqualTo(2);
        assertThat(config.headDim()).isEqualTo(16);
        assertThat(config.rotaryDim()).isEqualTo(16);
        assertThat(config.ropeTheta()).isEqualTo(50000.0);
        assertThat(config.normEps()).isEqualTo(1e-5);
        assertThat(config.activation()).isEqualTo(Activation.SILU);
        assertThat(config.tieWordEmbeddings()).isFalse();
        assertThat(config.attentionBias()).isFalse();
        assertThat(config.slidingWindow()).isEmpty();
        assertThat(config.eosTokenIds()).containsExactly(2L);
    }

    @Test
    void qwen2IsTiedWithItsOwnEpsAndWindow() {
        ModelConfig config = golden("qwen2");
        assertThat(config.tieWordEmbeddings()).isTrue();
        assertThat(config.normEps()).isEqualTo(1e-6);
        assertThat(config.ropeTheta()).isEqualTo(1e6);
        assertThat(config.slidingWindow()).isEqualTo(OptionalInt.of(4096));
    }

    @Test
    void mistralWindowAndMixtralExperts() {
        assertThat(golden("mistral_swa").slidingWindow()).isEqualTo(OptionalInt.of(8));
        ModelConfig mixtral = golden("mixtral");
        assertThat(mixtral.slidingWindow()).isEmpty();
        assertThat(mixtral.numExperts()).isEqualTo(4);
        assertThat(mixtral.numExpertsPerToken()).isEqualTo(2);
        assertThat(mixtral.isMixtureOfExperts()).isTrue();
    }

    @Test
    void gptNeoxReadsPartialRotaryAndParallelResidual() {
        ModelConfig config = golden("gpt_neox");
        assertThat(config.headDim()).isEqualTo(16);
        assertThat(config.rotaryDim()).isEqualTo(4);
        assertThat(config.ropeTheta()).isEqualTo(10000.0);
        assertThat(config.parallelResidual()).isTrue();
        assertThat(config.attentionBias()).isTrue();
        assertThat(config.activation()).isEqualTo(Activation.GELU);
        assertThat(config.tieWordEmbeddings()).isFalse();
    }

    @Test
    void gpt2DefaultsToATiedHeadWhenTheKeyIsAbsent() {
        assertThat(goldenJson("gpt2").has("tie_word_embeddings")).isFalse();
        ModelConfig config = golden("gpt2");
        assertThat(config.tieWordEmbeddings()).isTrue();
        assertThat(config.hiddenSize()).isEqualTo(64);
        assertThat(config.intermediateSize()).isEqualTo(128);
        assertThat(config.maxPositions()).isEqualTo(128);
        assertThat(config.activation()).isEqualTo(Activation.GELU_TANH);
        assertThat(config.scaleAttentionWeights()).isTrue();
    }

    @Test
    void gpt2InnerSizeDefaultsToFourTimesTheWidth() {
        ObjectNode json = goldenJson("gpt2");
        json.putNull("n_inner");
        assertThat(ModelConfig.parse(json, "test").intermediateSize()).isEqualTo(256);
        json.remove("n_inner");
        assertThat(ModelConfig.parse(json, "test").intermediateSize()).isEqualTo(256);
    }

    @Test
    void headDimFromTheFileWinsOverHiddenOverHeads() {
        ObjectNode json = goldenJson("llama");
        json.put("head_dim", 32);
        assertThat(ModelConfig.parse(json, "test").headDim()).isEqualTo(32);
    }

    @Test
    void llamaWithoutKvHeadsUsesOneKvHeadPerQueryHead() {
        ObjectNode json = goldenJson("llama");
        json.remove("num_key_value_heads");
        assertThat(ModelConfig.parse(json, "test").numKvHeads()).isEqualTo(4);
    }

    @Test
    void eosMayBeAList() {
        ObjectNode json = goldenJson("llama");
        json.putArray("eos_token_id").add(2).add(7);
        assertThat(ModelConfig.parse(json, "test").eosTokenIds()).isEqualTo(List.of(2L, 7L));
    }

    @Test
    void unknownModelTypeListsTheSupportedOnes() {
        ObjectNode json = goldenJson("llama");
        json.put("model_type", "falcon");
        assertThatThrownBy(() -> ModelConfig.parse(json, "/x/config.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/x/config.json")
                .hasMessageContaining("falcon")
                .hasMessageContaining("llama, mistral, mixtral, qwen2, gpt_neox, gpt2");
    }

    @Test
    void missingKeyIsNamedWithTheFile() {
        ObjectNode json = goldenJson("mistral");
        json.remove("rms_norm_eps");
        assertThatThrownBy(() -> ModelConfig.parse(json, "/x/config.json"))
                .hasMessageContaining("/x/config.json").hasMessageContaining("rms_norm_eps");
    }

    @Test
    void mistralMustStateItsWindow() {
        ObjectNode json = goldenJson("mistral");
        json.remove("sliding_window");
        assertThatThrownBy(() -> ModelConfig.parse(json, "test")).hasMessageContaining("sliding_window");
    }

    @Test
    void wrongTypeIsReported() {
        ObjectNode json = goldenJson("llama");
        json.put("num_hidden_layers", "four");
        assertThatThrownBy(() -> ModelConfig.parse(json, "test"))
                .hasMessageContaining("num_hidden_layers").hasMessageContaining("integer");
    }

    @Test
    void ropeScalingIsRejected() {
        ObjectNode json = goldenJson("llama");
        json.putObject("rope_scaling").put("type", "linear").put("factor", 2.0);
        assertThatThrownBy(() -> ModelConfig.parse(json, "test")).hasMessageContaining("rope_scaling");
    }

    @Test
    void unsupportedActivationIsNamed() {
        ObjectNode json = goldenJson("gpt_neox");
        json.put("hidden_act", "quick_gelu");
        assertThatThrownBy(() -> ModelConfig.parse(json, "test"))
                .hasMessageContaining("quick_gelu").hasMessageContaining("gelu_new");
    }

    @Test
    void headsMustDivideIntoKvGroups() {
        ObjectNode json = goldenJson("llama");
        json.put("num_key_value_heads", 3);
        assertThatThrownBy(() -> ModelConfig.parse(json, "test")).hasMessageContaining("num_key_value_heads");
    }

    @Test
    void notAnObjectIsReported() throws Exception {
        assertThatThrownBy(() -> ModelConfig.parse(JSON.readTree("[1, 2]"), "test"))
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void readsTheRealStoriesModel() {
        ModelConfig config = ModelConfig.read(Goldens.sharedDir().resolve(Path.of("models", "stories260K", "config.json")));
        assertThat(config.numHeads()).isEqualTo(8);
        assertThat(config.numKvHeads()).isEqualTo(4);
        assertThat(config.headDim()).isEqualTo(8);
        assertThat(config.intermediateSize()).isEqualTo(172);
        assertThat(config.tieWordEmbeddings()).isTrue();
    }
}

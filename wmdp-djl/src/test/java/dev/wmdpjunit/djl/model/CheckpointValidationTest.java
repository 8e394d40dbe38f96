package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checkpoints must hold exactly the expected tensors; accepted variants (names, buffers, tied copies) load. */
class CheckpointValidationTest {

    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    private static Path weights(String arch) {
        return Goldens.goldenDir().resolve(arch).resolve("model.safetensors");
    }

    private static ModelConfig config(String arch) {
        return ModelConfig.read(Goldens.goldenDir().resolve(arch).resolve("config.json"));
    }

    private static NDArray logits(String arch, EditedTensorSource weights) {
        try (weights; CausalLm model = CausalLm.load(config(arch), weights)) {
            NDArray ids = manager.create(new long[][] {{5, 17, 300, 2, 41, 99}});
            return model.logits(ids, null);
        }
    }

    @Test
    void missingTensorIsNamed() {
        EditedTensorSource weights = new EditedTensorSource(weights("llama"))
                .remove("model.layers.1.mlp.up_proj.weight");
        assertThatThrownBy(() -> logits("llama", weights))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("llama model of " + Goldens.goldenDir().resolve("llama/config.json"))
                .hasMessageContaining("missing tensor 'model.layers.1.mlp.up_proj.weight'");
    }

    @Test
    void unexpectedTensorIsNamedWithItsFile() {
        EditedTensorSource weights = new EditedTensorSource(weights("llama"))
                .add("model.layers.0.self_attn.q_proj.bias", "model.norm.weight", a -> a);
        assertThatThrownBy(() -> logits("llama", weights))
                .hasMessageContaining(weights("llama") + ": model.layers.0.self_attn.q_proj.bias: unexpected tensor");
    }

    @Test
    void wrongShapeIsNamedWithBothShapes() {
        EditedTensorSource weights = new EditedTensorSource(weights("llama"))
                .change("model.layers.0.self_attn.k_proj.weight", a -> a.concat(a, 0));
        assertThatThrownBy(() -> logits("llama", weights))
                .hasMessageContaining("model.layers.0.self_attn.k_proj.weight: shape (64, 64), expected (32, 64)");
    }

    @Test
    void rotaryBufferOfOldLlamaFilesIsNotSilentlyAccepted() {
        EditedTensorSource weights = new EditedTensorSource(weights("llama"))
                .add("model.layers.0.self_attn.rotary_emb.inv_freq", "model.norm.weight", a -> a);
        assertThatThrownBy(() -> logits("llama", weights)).hasMessageContaining("unexpected tensor");
    }

    @Test
    void tiedHeadStoredAgainIsAcceptedWhenIdentical() {
        NDArray reference = logits("qwen2", new EditedTensorSource(weights("qwen2")));
        EditedTensorSource withHead = new EditedTensorSource(weights("qwen2"))
                .add("lm_head.weight", "model.embed_tokens.weight", a -> a);
        assertThat(logits("qwen2", withHead).contentEquals(reference)).isTrue();
    }

    @Test
    void tiedHeadThatDiffersIsRejected() {
        EditedTensorSource weights = new EditedTensorSource(weights("qwen2"))
                .add("lm_head.weight", "model.embed_tokens.weight", a -> a.mul(2));
        assertThatThrownBy(() -> logits("qwen2", weights))
                .hasMessageContaining("lm_head.weight")
                .hasMessageContaining("tie_word_embeddings is true");
    }

    @Test
    void gpt2AcceptsUnprefixedNamesAndIgnoresMaskBuffers() {
        NDArray reference = logits("gpt2", new EditedTensorSource(weights("gpt2")));
        EditedTensorSource hubStyle = new EditedTensorSource(weights("gpt2"))
                .rename(name -> name.replaceFirst("^transformer\\.", ""))
                .add("h.0.attn.bias", "h.0.ln_1.weight", a -> a)
                .add("h.1.attn.masked_bias", "h.1.ln_1.weight", a -> a);
        assertThat(logits("gpt2", hubStyle).contentEquals(reference)).isTrue();
    }

    @Test
    void gpt2ParametersKeepTheFileNames() {
        try (EditedTensorSource hubStyle = new EditedTensorSource(weights("gpt2"))
                .rename(name -> name.replaceFirst("^transformer\\.", ""));
             CausalLm model = CausalLm.load(config("gpt2"), hubStyle)) {
            assertThat(model.parameters().names()).contains("wte.weight", "h.1.mlp.c_proj.bias", "ln_f.weight")
                    .noneMatch(name -> name.startsWith("transformer."));
        }
    }

    @Test
    void gptNeoxIgnoresLegacyBuffers() {
        NDArray reference = logits("gpt_neox", new EditedTensorSource(weights("gpt_neox")));
        String layer = "gpt_neox.layers.1.attention.";
        EditedTensorSource pythiaStyle = new EditedTensorSource(weights("gpt_neox"))
                .add(layer + "bias", "gpt_neox.final_layer_norm.weight", a -> a)
                .add(layer + "masked_bias", "gpt_neox.final_layer_norm.weight", a -> a)
                .add(layer + "rotary_emb.inv_freq", "gpt_neox.final_layer_norm.weight", a -> a);
        assertThat(logits("gpt_neox", pythiaStyle).contentEquals(reference)).isTrue();
    }

    @Test
    void parametersFollowTheStateDictOrderWithoutTheTiedHead() {
        try (EditedTensorSource weights = new EditedTensorSource(weights("qwen2"));
             CausalLm model = CausalLm.load(config("qwen2"), weights)) {
            assertThat(model.parameters().names()).startsWith("model.embed_tokens.weight",
                    "model.layers.0.self_attn.q_proj.weight", "model.layers.0.self_attn.q_proj.bias");
            assertThat(model.parameters().names()).doesNotContain("lm_head.weight", "model.layers.0.self_attn.o_proj.bias");
            assertThat(model.parameters().names()).hasSize(26);
            long perLayer = 64 * 64 + 64 + 2 * (32 * 64 + 32) + 64 * 64 + 3 * 128 * 64 + 2 * 64;
            assertThat(model.parameters().count()).isEqualTo(512 * 64 + 2 * perLayer + 64);
        }
    }
}

package dev.wmdpjunit.rmu;

import dev.wmdpjunit.core.testing.SharedFolder;
import dev.wmdpjunit.djl.checkpoint.CheckpointDirectory;
import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.ModelConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official param_ids against the golden checkpoints, whose state-dict order is transformers'. */
class ParameterSelectionTest {

    @Test
    void paramId6IsTheLlamaDownProjectionLikeTheDefaultSelection() {
        try (CausalLm llama = load("llama")) {
            List<String> byIndex = ParameterSelection.byParamIds(List.of(6))
                    .resolve(llama.parameters(), llama.config().architecture(), List.of(0, 2));
            assertThat(byIndex).containsExactly("model.layers.0.mlp.down_proj.weight",
                    "model.layers.2.mlp.down_proj.weight");
            assertThat(ParameterSelection.downProjections()
                    .resolve(llama.parameters(), llama.config().architecture(), List.of(0, 2))).isEqualTo(byIndex);
            assertThat(ParameterSelection.byParamIds(List.of(0, 8))
                    .resolve(llama.parameters(), llama.config().architecture(), List.of(1)))
                    .containsExactly("model.layers.1.self_attn.q_proj.weight",
                            "model.layers.1.post_attention_layernorm.weight");
        }
    }

    @Test
    void theMixtralPresetsParamId7IsTheFirstExpertsW3() {
        try (CausalLm mixtral = load("mixtral")) {
            assertThat(ParameterSelection.byParamIds(List.of(7))
                    .resolve(mixtral.parameters(), mixtral.config().architecture(), List.of(1)))
                    .containsExactly("model.layers.1.block_sparse_moe.experts.0.w3.weight");
        }
    }

    @Test
    void namePatternsAndErrors() {
        try (CausalLm llama = load("llama")) {
            assertThat(ParameterSelection.byNamePattern("model\\.layers\\.[13]\\.mlp\\.up_proj\\.weight")
                    .resolve(llama.parameters(), llama.config().architecture(), List.of()))
                    .containsExactly("model.layers.1.mlp.up_proj.weight", "model.layers.3.mlp.up_proj.weight");
            assertThatThrownBy(() -> ParameterSelection.byNamePattern("nothing.*")
                    .resolve(llama.parameters(), llama.config().architecture(), List.of(0)))
                    .hasMessageContaining("no parameter name matches [nothing.*]");
            assertThatThrownBy(() -> ParameterSelection.byParamIds(List.of(9))
                    .resolve(llama.parameters(), llama.config().architecture(), List.of(0)))
                    .hasMessageContaining("param id 9 does not exist: layer 0 has 9 parameters");
            assertThatThrownBy(() -> ParameterSelection.downProjections()
                    .resolve(llama.parameters(), llama.config().architecture(), List.of(4)))
                    .hasMessageContaining("no decoder layer 4");
        }
    }

    @Test
    void presetsCarryThePublishedSettings() {
        RmuHyperparameters zephyr = RmuPreset.ZEPHYR_7B.hyperparameters();
        assertThat(zephyr.layerId()).isEqualTo(7);
        assertThat(zephyr.layerIds()).containsExactly(5, 6, 7);
        assertThat(zephyr.trainable()).isEqualTo(ParameterSelection.byParamIds(List.of(6)));
        assertThat(zephyr.steeringCoeffs()).containsExactly(6.5, 6.5);
        assertThat(zephyr.alphas()).containsExactly(1200.0, 1200.0);
        assertThat(zephyr.optimizer()).isEqualTo(AdamWSettings.transformers(5e-5));
        assertThat(zephyr.maxNumBatches()).isEqualTo(150);
        assertThat(zephyr.batchSize()).isEqualTo(4);
        RmuHyperparameters yi = RmuPreset.YI_34B.hyperparameters();
        assertThat(List.of(yi.layerId(), yi.maxNumBatches(), yi.batchSize())).containsExactly(15, 400, 2);
        assertThat(yi.layerIds()).containsExactly(13, 14, 15);
        assertThat(yi.steeringCoeffs()).containsExactly(300.0, 300.0);
        assertThat(yi.alphas()).containsExactly(350.0, 350.0);
        RmuHyperparameters mixtral = RmuPreset.MIXTRAL_8X7B.hyperparameters();
        assertThat(mixtral.trainable()).isEqualTo(ParameterSelection.byParamIds(List.of(7)));
        assertThat(mixtral.alphas()).containsExactly(1600.0, 1600.0);
        assertThat(mixtral.forgetMaxLength(0)).isEqualTo(512);
        assertThat(mixtral.forgetMaxLength(1)).isEqualTo(768);
    }

    private static CausalLm load(String arch) {
        Path folder = SharedFolder.golden().resolve(arch);
        try (TensorSource weights = CheckpointDirectory.open(folder)) {
            return CausalLm.load(ModelConfig.read(folder.resolve("config.json")), weights);
        }
    }
}

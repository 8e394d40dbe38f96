package dev.wmdpjunit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link ModelProviders} picks the provider that claims a reference, and what it says when none does. */
class ModelProvidersTest {

    @TempDir
    Path folder;

    /** A provider whose claim is a function of the reference. */
    private record Scripted(String name, Function<ModelReference, Claim> claims) implements LanguageModelProvider {
        @Override
        public Claim claim(ModelReference reference, ProviderSettings settings) {
            return claims.apply(reference);
        }

        @Override
        public OpenedModel open(ModelReference reference, ModelOptions options, ProviderSettings settings) {
            throw new UnsupportedOperationException(name + " opens nothing in this test");
        }
    }

    private ModelReference reference() {
        return new ModelReference(" " + folder + " ", "wmdp.model");
    }

    @Test
    void theFirstProviderThatSaysMineIsChosenEvenAfterOneThatFoundItBroken() {
        LanguageModelProvider broken = new Scripted("a", r -> Claim.broken("config.json: model_type 'x'"));
        LanguageModelProvider mine = new Scripted("b", r -> Claim.mine());
        assertThat(ModelProviders.claimant(reference(), ProviderSettings.NONE, List.of(broken, mine))).isSameAs(mine);
    }

    @Test
    void everyBrokenCauseIsReportedAndNotMineReasonsAreLeftOut() {
        List<LanguageModelProvider> providers = List.of(new Scripted("a", r -> Claim.broken("cause A")),
                new Scripted("b", r -> Claim.notMine("not b's")), new Scripted("c", r -> Claim.broken("cause C")));
        assertThatThrownBy(() -> ModelProviders.claimant(reference(), ProviderSettings.NONE, providers))
                .isInstanceOf(ModelReferenceException.class)
                .hasMessage("wmdp.model = '" + folder + "': a: cause A; c: cause C");
    }

    @Test
    void withNoProviderInstalledTheErrorSaysSo() {
        assertThatThrownBy(() -> ModelProviders.claimant(reference(), ProviderSettings.NONE, List.of()))
                .hasMessage("wmdp.model = '" + folder + "': no installed LanguageModelProvider opens it (none is"
                        + " installed); add a backend for it to the test dependencies, e.g. wmdp-djl for a Hugging"
                        + " Face checkpoint folder");
    }

    @Test
    void anEndpointIsNotCheckedOnDiskAndReachesTheProviders() {
        ModelReference endpoint = new ModelReference("HTTPS://host:8000/v1", "@WmdpSuite(model) on x.Suite");
        assertThat(endpoint.kind()).isEqualTo(ModelReference.Kind.ENDPOINT);
        assertThat(endpoint.localPath()).isEmpty();
        assertThat(endpoint.endpoint()).hasValueSatisfying(uri -> assertThat(uri.getPort()).isEqualTo(8000));
        LanguageModelProvider remote = new Scripted("remote", r -> r.endpoint().isPresent() ? Claim.mine()
                : Claim.notMine("not an endpoint"));
        assertThat(ModelProviders.claimant(endpoint, ProviderSettings.NONE, List.of(remote))).isSameAs(remote);
        assertThatThrownBy(() -> ModelProviders.existingLocalPath(endpoint, "a folder to train"))
                .hasMessage("@WmdpSuite(model) on x.Suite = 'HTTPS://host:8000/v1': this needs a folder to train,"
                        + " but the reference is an endpoint URL");
    }

    @Test
    void providersReadTheirOwnKeysThroughTheSettings() {
        ProviderSettings settings = ProviderSettings.of(java.util.Map.of("wmdp.remote.timeout", " 30s ",
                "wmdp.remote.model", " "));
        assertThat(settings.get("wmdp.remote.timeout")).hasValue("30s");
        assertThat(settings.get("wmdp.remote.model")).as("blank counts as unset").isEmpty();
        assertThat(settings.get("wmdp.other")).isEmpty();
    }

    @Test
    void anIdentityWithABlankDetailIsRefusedSoItsResultsFileStaysReadable() {
        assertThatThrownBy(() -> ModelIdentity.described(ModelIdentity.ENDPOINT, "http://h/v1",
                java.util.Map.of("server.version", "")))
                .hasMessageContaining("detail 'server.version' = '' needs a non-blank key and value");
    }

    @Test
    void aBlankReferenceIsRefusedNamingItsOrigin() {
        assertThatThrownBy(() -> new ModelReference("  ", "wmdp.baseline.model"))
                .hasMessage("wmdp.baseline.model: the model reference is blank");
    }
}

package dev.wmdpjunit.core.model;

import dev.wmdpjunit.core.hub.FileSelection;
import dev.wmdpjunit.core.hub.Hub;
import dev.wmdpjunit.core.hub.HubException;
import dev.wmdpjunit.core.hub.HubSettings;
import dev.wmdpjunit.core.hub.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one place that finds the provider for a {@link ModelReference} and opens it, for the engine and fixtures
 * alike. Every installed provider is asked to {@link LanguageModelProvider#claim claim} the reference: the first
 * that says mine opens it; otherwise the causes of those that recognised it but found it broken are the error;
 * only when none recognised it does the error say that no installed provider opens it, listing what each needs.
 * A hub id is first resolved to its snapshot folder in the local hub cache ({@link Hub}), which the providers then
 * open as a local folder; its identity then records the hub id and the resolved commit.
 */
public final class ModelProviders {

    private ModelProviders() {
    }

    /** Opens the reference with the installed providers; the caller closes the result. */
    public static OpenedModel open(ModelReference reference, ModelOptions options, ProviderSettings settings) {
        if (reference.kind() == ModelReference.Kind.HUB_ID) {
            Snapshot snapshot = snapshot(reference, settings);
            OpenedModel opened = open(inCache(reference, snapshot), options, settings);
            ModelIdentity folder = opened.identity();
            Map<String, String> details = new LinkedHashMap<>(folder.details());
            details.putAll(snapshot.details());
            return new OpenedModel(opened.model(), new ModelIdentity(HUB, reference.text(), folder.sha256(),
                    folder.weightsHashed(), details));
        }
        LanguageModelProvider provider = claimant(reference, settings, LanguageModelProvider.installed());
        try {
            return provider.open(reference, options, settings);
        } catch (ModelReferenceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelReferenceException(reference, provider.name() + " cannot open it: " + e.getMessage(), e);
        }
    }

    /** {@link ModelIdentity#kind()} of a model named by hub id; its details hold {@link Snapshot#details()}. */
    public static final String HUB = "hub";

    /** The installed provider that claims the reference; see {@link #claimant(ModelReference, ProviderSettings, List)}. */
    public static LanguageModelProvider claimant(ModelReference reference, ProviderSettings settings) {
        return claimant(reference, settings, LanguageModelProvider.installed());
    }

    /**
     * The local file or folder a reference names, for callers that need one (RMU trains weights it must read).
     *
     * @param what what the caller needs, for the message, e.g. "a local checkpoint folder to train"
     * @throws ModelReferenceException naming the reference when it is not a local path or does not exist
     */
    public static Path existingLocalPath(ModelReference reference, String what) {
        Path local = reference.localPath().orElseThrow(() -> new ModelReferenceException(reference, "this needs "
                + what + ", but the reference is " + reference.describeKind()));
        if (!Files.exists(local)) {
            throw new ModelReferenceException(reference, "no such file or directory (" + local.toAbsolutePath()
                    + ")");
        }
        return local;
    }

    /**
     * The local checkpoint folder a reference names: a local path as is, a hub id as its snapshot folder in the hub
     * cache (downloaded first when {@value HubSettings#DOWNLOAD_KEY} allows it).
     *
     * @param what what the caller needs, for the message, e.g. "a local checkpoint folder to train"
     * @throws ModelReferenceException naming the reference when it is an endpoint, a missing path or a hub id
     *                                 the cache cannot supply
     */
    public static Path localFolder(ModelReference reference, String what, ProviderSettings settings) {
        return reference.kind() == ModelReference.Kind.HUB_ID ? snapshot(reference, settings).folder()
                : existingLocalPath(reference, what);
    }

    /** The hub snapshot a {@link ModelReference.Kind#HUB_ID} reference names, holding a whole checkpoint. */
    private static Snapshot snapshot(ModelReference reference, ProviderSettings settings) {
        try {
            return new Hub(HubSettings.from(settings)).snapshot(reference.hubId().orElseThrow(),
                    FileSelection.checkpoint());
        } catch (HubException | IllegalArgumentException e) {
            throw new ModelReferenceException(reference, e.getMessage() + " (read as a hub id because no local"
                    + " file or folder " + Path.of(reference.text()).toAbsolutePath() + " exists)", e);
        }
    }

    /** The snapshot folder as a local reference whose messages still name the hub id and its key. */
    private static ModelReference inCache(ModelReference reference, Snapshot snapshot) {
        return new ModelReference(snapshot.folder().toString(), reference + " (" + snapshot.id() + " = commit "
                + snapshot.commit() + " in the hub cache)");
    }

    /**
     * The first of {@code providers} that claims the reference as {@link Claim.Verdict#MINE}.
     *
     * @throws ModelReferenceException naming the reference: a local path that does not exist; the causes given by
     *                                 the providers that found it broken; or, when none recognised it, what is
     *                                 installed, why each declined, and what to add
     */
    public static LanguageModelProvider claimant(ModelReference reference, ProviderSettings settings,
                                                 List<LanguageModelProvider> providers) {
        if (reference.kind() == ModelReference.Kind.LOCAL_PATH) {
            existingLocalPath(reference, "a model");
        }
        if (reference.kind() == ModelReference.Kind.HUB_ID) {
            return claimant(inCache(reference, snapshot(reference, settings)), settings, providers);
        }
        Map<LanguageModelProvider, Claim> claims = new LinkedHashMap<>();
        for (LanguageModelProvider provider : providers) {
            Claim claim = provider.claim(reference, settings);
            if (claim.verdict() == Claim.Verdict.MINE) {
                return provider;
            }
            claims.put(provider, claim);
        }
        List<String> broken = claims.entrySet().stream()
                .filter(entry -> entry.getValue().verdict() == Claim.Verdict.BROKEN)
                .map(entry -> entry.getKey().name() + ": " + entry.getValue().reason()).toList();
        if (!broken.isEmpty()) {
            throw new ModelReferenceException(reference, String.join("; ", broken));
        }
        String declined = claims.entrySet().stream()
                .map(entry -> entry.getKey().name() + " opens " + entry.getKey().opens() + ", not this: "
                        + entry.getValue().reason())
                .collect(Collectors.joining("; "));
        throw new ModelReferenceException(reference, "no installed LanguageModelProvider opens it ("
                + (providers.isEmpty() ? "none is installed" : declined) + "); add a backend for it to the test"
                + " dependencies, e.g. wmdp-djl for a Hugging Face checkpoint folder");
    }
}

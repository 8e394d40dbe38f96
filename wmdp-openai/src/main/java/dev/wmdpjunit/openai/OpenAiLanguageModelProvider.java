package dev.wmdpjunit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wmdpjunit.core.model.Claim;
import dev.wmdpjunit.core.model.LanguageModelProvider;
import dev.wmdpjunit.core.model.ModelIdentity;
import dev.wmdpjunit.core.model.ModelOptions;
import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.core.model.ModelReferenceException;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.model.ProviderSettings;
import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Opens an endpoint URL ({@code http://host:8000/v1}) as an {@link OpenAiLanguageModel}, configured by the
 * {@code wmdp.remote.*} keys ({@link RemoteSettings}). At open it asks {@code /models} what is served, then sends one
 * probe request and refuses the server unless the answer carries a finite logprob for every prompt token past the
 * first ({@link EchoedLogprobs}). The identity it states is the endpoint, the served model name, what
 * {@code /models} reports about it, and the SHA-256 of the local {@code tokenizer.json}; the weights are not hashed.
 */
public final class OpenAiLanguageModelProvider implements LanguageModelProvider {

    /** A short harmless prompt; its token ids are what the probe sends. */
    static final String PROBE_TEXT = "The capital of France is Paris. The sky is blue.";

    @Override
    public String name() {
        return "openai-completions";
    }

    @Override
    public String opens() {
        return "an OpenAI-compatible completions endpoint with prompt logprobs, e.g. http://host:8000/v1 served by vLLM"
                + " or SGLang, with " + RemoteSettings.TOKENIZER + " set (module wmdp-openai)";
    }

    @Override
    public Claim claim(ModelReference reference, ProviderSettings settings) {
        if (reference.kind() != ModelReference.Kind.ENDPOINT) {
            return Claim.notMine("not an http(s) URL");
        }
        Optional<URI> endpoint = reference.endpoint();
        if (endpoint.isEmpty() || endpoint.get().getHost() == null) {
            return Claim.broken("'" + reference.text() + "' is not a valid URL");
        }
        return RemoteSettings.problem(settings).map(Claim::broken).orElse(Claim.mine());
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public OpenedModel open(ModelReference reference, ModelOptions options, ProviderSettings providerSettings) {
        RemoteSettings settings = RemoteSettings.read(providerSettings);
        URI endpoint = reference.endpoint().orElseThrow(() -> new ModelReferenceException(reference,
                "not a valid URL"));
        CompletionsClient client = new CompletionsClient(endpoint, settings);
        HfTokenizer tokenizer = HfTokenizer.load(settings.tokenizer());
        try {
            Map<String, String> details = new TreeMap<>();
            JsonNode card = servedModel(reference, client, settings, details);
            String served = card.path("id").asText();
            details.put("servedModel", served);
            details.put("tokenizerSha256", Sha256.ofFile(settings.tokenizer().resolve(HfTokenizer.TOKENIZER_FILE)));
            OpenAiLanguageModel model = new OpenAiLanguageModel(client, served, tokenizer, settings,
                    maxLength(settings, card));
            details.put("server.tokensChecked", probe(reference, client, model) ? "ids" : "count");
            return new OpenedModel(model, ModelIdentity.described(ModelIdentity.ENDPOINT, client.endpoint(), details));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e instanceof ModelReferenceException ? e : new ModelReferenceException(reference, e.getMessage(), e);
        }
    }

    /**
     * Tokens kept per prompt: {@code wmdp.remote.maxLength} when set, else the served model's {@code max_model_len}
     * (vLLM lists it in {@code /models}) less the one token generated, which vLLM counts against it too (a prompt of
     * {@code max_model_len} tokens plus {@code max_tokens: 1} is refused), else lm-eval's 2048.
     */
    private static int maxLength(RemoteSettings settings, JsonNode card) {
        if (settings.maxLength().isPresent()) {
            return settings.maxLength().getAsInt();
        }
        JsonNode served = card.get("max_model_len");
        return served != null && served.canConvertToInt() && served.isIntegralNumber() && served.intValue() > 1
                ? served.intValue() - 1 : RemoteSettings.DEFAULT_MAX_LENGTH;
    }

    /**
     * The {@code /models} entry of the served model: {@code wmdp.remote.model}, which {@code /models} must list, or
     * the one model it lists. What it says about that model ({@code root}, {@code max_model_len}, {@code owned_by})
     * goes into details.
     */
    private static JsonNode servedModel(ModelReference reference, CompletionsClient client, RemoteSettings settings,
                                        Map<String, String> details) {
        JsonNode data = client.get("models").path("data");
        List<String> ids = new ArrayList<>();
        for (JsonNode model : data) {
            ids.add(model.path("id").asText());
        }
        String served = settings.model().orElseGet(() -> {
            if (ids.size() != 1) {
                throw new ModelReferenceException(reference, client.endpoint() + "/models lists " + (ids.isEmpty()
                        ? "no model" : ids.size() + " models " + ids) + "; set " + RemoteSettings.MODEL
                        + " to the one to score");
            }
            return ids.get(0);
        });
        if (!ids.contains(served)) {
            throw new ModelReferenceException(reference, RemoteSettings.MODEL + " = '" + served + "' is not served by "
                    + client.endpoint() + " (/models lists " + ids + ")");
        }
        JsonNode card = null;
        for (JsonNode model : data) {
            if (card == null && model.path("id").asText().equals(served)) {
                card = model;
                for (String field : List.of("root", "max_model_len", "owned_by")) {
                    JsonNode value = model.get(field);
                    if (value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
                        details.put("server." + field, value.asText());
                    }
                }
            }
        }
        return card;
    }

    /**
     * One echoed completion of {@link #PROBE_TEXT}; refuses the server, naming it and what is missing, unless every
     * prompt token past the first has a finite logprob. Returns whether the server's tokens were checked as ids.
     */
    private static boolean probe(ModelReference reference, CompletionsClient client, OpenAiLanguageModel model) {
        int[] prompt = model.tokenizer().encode(PROBE_TEXT, true);
        byte[] answer = model.post(List.of(prompt));
        try {
            EchoedLogprobs choice = model.choices(answer, new int[] {1})[0];
            choice.check(prompt);
            return choice.tokensAreIds();
        } catch (IllegalArgumentException | RemoteModelException e) {
            throw new ModelReferenceException(reference, client.endpoint() + " cannot be scored: the probe's answer ("
                    + prompt.length + " prompt tokens, echo with logprobs) fails: " + e.getMessage());
        }
    }
}

package dev.wmdpjunit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodFailure;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.Tokenizer;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A model behind an OpenAI-compatible {@code /completions} endpoint, scored as lm-eval's {@code local-completions}
 * scores it: each request becomes the token ids {@code (context + continuation)[-maxLength:]}, sent
 * {@code batchSize} prompts per POST with {@code echo: true, max_tokens: 1, logprobs: 1, temperature: 0,
 * seed: 1234}; the answer is the sum of the echoed {@code token_logprobs} of the continuation and whether each was
 * the top one. Every answer is {@linkplain EchoedLogprobs checked}; one that cannot be scored fails the call,
 * naming the endpoint and the request ({@link LoglikelihoodFailure}). Thread-safe.
 */
public final class OpenAiLanguageModel implements LanguageModel {

    static final int SEED = 1234;

    private final CompletionsClient client;
    private final String servedModel;
    private final HfTokenizer tokenizer;
    private final RemoteSettings settings;
    private final ExecutorService requests;

    OpenAiLanguageModel(CompletionsClient client, String servedModel, HfTokenizer tokenizer, RemoteSettings settings) {
        this.client = client;
        this.servedModel = servedModel;
        this.tokenizer = tokenizer;
        this.settings = settings;
        this.requests = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "wmdp-openai-request");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int maxLength() {
        return settings.maxLength();
    }

    /** The served model name sent as {@code "model"}. */
    public String servedModel() {
        return servedModel;
    }

    @Override
    public List<Loglikelihood> loglikelihood(List<LoglikelihoodRequest> all) {
        List<Future<List<Loglikelihood>>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += settings.batchSize()) {
            int first = from;
            List<LoglikelihoodRequest> batch = all.subList(from, Math.min(from + settings.batchSize(), all.size()));
            batches.add(requests.submit(() -> score(batch, first)));
        }
        List<Loglikelihood> answers = new ArrayList<>(all.size());
        try {
            for (Future<List<Loglikelihood>> batch : batches) {
                answers.addAll(batch.get());
            }
        } catch (InterruptedException e) {
            batches.forEach(batch -> batch.cancel(true));
            Thread.currentThread().interrupt();
            throw new RemoteModelException(client.endpoint() + ": interrupted while scoring", e);
        } catch (ExecutionException e) {
            batches.forEach(batch -> batch.cancel(true));
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new RemoteModelException(client.endpoint() + ": " + e.getCause(), e.getCause());
        }
        return answers;
    }

    /** One POST for a batch whose first request is {@code offset} in the caller's list. */
    private List<Loglikelihood> score(List<LoglikelihoodRequest> batch, int offset) {
        List<int[]> prompts = new ArrayList<>(batch.size());
        int[] contextLengths = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            LoglikelihoodRequest request = batch.get(i);
            int[] whole = concat(request.context(), request.continuation());
            int dropped = Math.max(0, whole.length - settings.maxLength());
            prompts.add(Arrays.copyOfRange(whole, dropped, whole.length));
            contextLengths[i] = request.context().length - dropped;
            if (contextLengths[i] < 1) {
                throw new LoglikelihoodFailure(offset + i, client.endpoint() + ": the continuation of " + whole.length
                        + " tokens leaves no context within " + RemoteSettings.MAX_LENGTH + " = "
                        + settings.maxLength(), null);
            }
        }
        JsonNode answer;
        try {
            answer = client.post("completions", payload(servedModel, prompts));
        } catch (RuntimeException e) {
            throw new LoglikelihoodFailure(offset, e.getMessage(), e);
        }
        JsonNode[] choices = choices(answer, prompts.size(), offset);
        List<Loglikelihood> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                results.add(EchoedLogprobs.read(choices[i], prompts.get(i)).score(contextLengths[i]));
            } catch (IllegalArgumentException e) {
                throw new LoglikelihoodFailure(offset + i, client.endpoint() + ": answer to prompt " + i + " of "
                        + prompts.size() + " (" + prompts.get(i).length + " tokens) cannot be scored: "
                        + e.getMessage(), e);
            }
        }
        return results;
    }

    /** lm-eval's loglikelihood payload for {@code local-completions}. */
    static ObjectNode payload(String model, List<int[]> prompts) {
        ObjectNode body = CompletionsClient.JSON.createObjectNode();
        body.put("model", model);
        ArrayNode prompt = body.putArray("prompt");
        for (int[] ids : prompts) {
            ArrayNode tokens = prompt.addArray();
            for (int id : ids) {
                tokens.add(id);
            }
        }
        body.put("temperature", 0);
        body.put("max_tokens", 1);
        body.put("logprobs", 1);
        body.put("seed", SEED);
        body.put("echo", true);
        return body;
    }

    /** The choices ordered by {@code index}, one per prompt. */
    JsonNode[] choices(JsonNode answer, int prompts, int offset) {
        JsonNode list = answer.get("choices");
        String where = client.endpoint() + ": answer to " + prompts + " prompts";
        if (list == null || !list.isArray()) {
            throw new LoglikelihoodFailure(offset, where + " has no list \"choices\": "
                    + CompletionsClient.abbreviate(answer.toString()), null);
        }
        if (list.size() != prompts) {
            throw new LoglikelihoodFailure(offset, where + " has " + list.size() + " choices", null);
        }
        JsonNode[] ordered = new JsonNode[prompts];
        for (JsonNode choice : list) {
            JsonNode index = choice.get("index");
            if (index == null || !index.canConvertToInt() || index.intValue() < 0 || index.intValue() >= prompts
                    || ordered[index.intValue()] != null) {
                throw new LoglikelihoodFailure(offset, where + ": choice index " + index
                        + " is missing, out of range or repeated", null);
            }
            ordered[index.intValue()] = choice;
        }
        return ordered;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Override
    public void close() {
        requests.shutdownNow();
        tokenizer.close();
    }
}

package dev.wmdpjunit.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodFailure;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.Tokenizer;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    private static final String COMPLETIONS = "completions";

    private final CompletionsClient client;
    private final String servedModel;
    private final HfTokenizer tokenizer;
    private final RemoteSettings settings;
    private final int maxLength;
    private final ExecutorService requests;

    /** @param maxLength tokens kept per prompt: {@code wmdp.remote.maxLength}, or what the server allows */
    OpenAiLanguageModel(CompletionsClient client, String servedModel, HfTokenizer tokenizer, RemoteSettings settings,
                        int maxLength) {
        this.client = client;
        this.servedModel = servedModel;
        this.tokenizer = tokenizer;
        this.settings = settings;
        this.maxLength = maxLength;
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
        return maxLength;
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
            int dropped = Math.max(0, whole.length - maxLength);
            prompts.add(Arrays.copyOfRange(whole, dropped, whole.length));
            contextLengths[i] = request.context().length - dropped;
            if (contextLengths[i] < 1) {
                throw new LoglikelihoodFailure(offset + i, client.endpoint() + ": the continuation of "
                        + request.continuation().length + " tokens leaves no context within the " + maxLength
                        + " tokens kept per prompt (" + RemoteSettings.MAX_LENGTH + ")", null);
            }
        }
        EchoedLogprobs[] choices;
        try {
            choices = choices(post(prompts), contextLengths);
        } catch (RuntimeException e) {
            throw new LoglikelihoodFailure(offset, batch.size(), e.getMessage(), e);
        }
        List<Loglikelihood> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                choices[i].check(prompts.get(i));
                results.add(choices[i].score(contextLengths[i]));
            } catch (IllegalArgumentException e) {
                throw new LoglikelihoodFailure(offset + i, client.endpoint() + ": answer to prompt " + i + " of "
                        + prompts.size() + " (" + prompts.get(i).length + " tokens) cannot be scored: "
                        + e.getMessage(), e);
            }
        }
        return results;
    }

    /** One POST of lm-eval's loglikelihood payload; its answer, as it came (HTTP 200). */
    byte[] post(List<int[]> prompts) {
        return client.post(COMPLETIONS, payload(servedModel, prompts));
    }

    /**
     * The choices of an answer to prompts whose contexts have {@code contextLengths} tokens, one per prompt in prompt
     * order, not yet {@linkplain EchoedLogprobs#check checked}.
     *
     * @throws RemoteModelException naming the endpoint when the answer is not JSON or has not one choice per prompt
     */
    EchoedLogprobs[] choices(byte[] answer, int[] contextLengths) {
        String what = client.describePost(COMPLETIONS);
        try (JsonParser parser = CompletionsClient.JSON.createParser(answer)) {
            return EchoedLogprobs.readChoices(parser, contextLengths);
        } catch (IllegalArgumentException e) {
            throw new RemoteModelException(what + ": the answer to " + contextLengths.length + " prompts "
                    + e.getMessage() + ": " + CompletionsClient.abbreviate(answer), e);
        } catch (IOException e) {
            throw CompletionsClient.notJson(what, e, answer);
        }
    }

    /**
     * lm-eval's loglikelihood payload for {@code local-completions}, written as it is generated: {@code {"model":
     * NAME, "prompt": [[ids...], ...], "temperature": 0, "max_tokens": 1, "logprobs": 1, "seed": 1234, "echo": true}}.
     */
    static byte[] payload(String model, List<int[]> prompts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 + 6 * prompts.stream().mapToInt(p -> p.length).sum());
        try (JsonGenerator json = CompletionsClient.JSON.createGenerator(body)) {
            json.writeStartObject();
            json.writeStringField("model", model);
            json.writeArrayFieldStart("prompt");
            for (int[] ids : prompts) {
                json.writeArray(ids, 0, ids.length);
            }
            json.writeEndArray();
            json.writeNumberField("temperature", 0);
            json.writeNumberField("max_tokens", 1);
            json.writeNumberField("logprobs", 1);
            json.writeNumberField("seed", SEED);
            json.writeBooleanField("echo", true);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a request body in memory", e);
        }
        return body.toByteArray();
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

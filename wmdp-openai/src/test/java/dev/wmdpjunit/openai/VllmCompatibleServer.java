package dev.wmdpjunit.openai;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that answers {@code GET /v1/models} and {@code POST /v1/completions} in vLLM's
 * OpenAI-compatible layout (field names, order and nulls as vLLM's {@code CompletionResponse} serialises them:
 * {@code token_logprobs[0]} and {@code top_logprobs[0]} null, {@code tokens} as decoded text or, like vLLM's
 * {@code --return-tokens-as-token-ids}, as {@code token_id:N}), computing the logprobs with the in-JVM DJL model.
 * Faults can be scripted per completions request ({@link #then}) or for the whole run ({@link #generatedOnly}).
 */
final class VllmCompatibleServer implements AutoCloseable {

    /** What the next completions request gets instead of (or before) a normal answer. */
    enum Fault { HTTP_500, HTTP_429_RETRY_AFTER_1, SLOW_30_S, MALFORMED_JSON, NULL_LOGPROBS, MISSING_TOP_LOGPROBS,
        ONE_TOKEN_SHORT, NAN_LOGPROB, NULL_TOP_LOGPROB, WRONG_TOKEN_ID, NO_CHOICES, REPEATED_INDEX,
        /** Not a fault: JSON objects are unordered, so {@code index} last and the logprobs fields reversed. */
        FIELDS_REORDERED }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Names of the threads that serve requests, so a benchmark can tell the server's CPU time from the client's. */
    static final String SERVER_THREAD_PREFIX = "vllm-compatible-server-";

    private final HttpServer server;
    private final ExecutorService executor;
    private final CausalLm model;
    private final HfTokenizer tokenizer;
    private final String servedModel;
    private final boolean tokensAsIds;
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger completions = new AtomicInteger();
    private final List<JsonNode> requestBodies = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean generatedOnly;
    /** The context length it serves, as vLLM's {@code --max-model-len}; listed in {@code /models} unless hidden. */
    private final int maxModelLen;
    private volatile boolean listsMaxModelLen = true;

    VllmCompatibleServer(CausalLm model, HfTokenizer tokenizer, String servedModel, boolean tokensAsIds)
            throws IOException {
        this.model = model;
        this.tokenizer = tokenizer;
        this.servedModel = servedModel;
        this.tokensAsIds = tokensAsIds;
        this.maxModelLen = model.config().maxPositions();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, SERVER_THREAD_PREFIX + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/v1/models", this::models);
        server.createContext("/v1/completions", this::completions);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/v1} */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    VllmCompatibleServer then(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    /** Forgets scripted faults and answers normally again. */
    void reset() {
        faults.clear();
        generatedOnly = false;
        listsMaxModelLen = true;
    }

    /** From now on answer as llama.cpp does: logprobs for the generated token only. */
    void generatedOnly() {
        generatedOnly = true;
    }

    /** Whether {@code /models} lists {@code max_model_len} (vLLM does; other servers may not). */
    void listMaxModelLen(boolean lists) {
        listsMaxModelLen = lists;
    }

    /** Completions requests received, including failed ones. */
    int completionsRequests() {
        return completions.get();
    }

    List<JsonNode> requestBodies() {
        return List.copyOf(requestBodies);
    }

    private void models(HttpExchange exchange) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ObjectNode card = root.putArray("data").addObject();
        card.put("id", servedModel);
        card.put("object", "model");
        card.put("created", 1_764_633_600L);
        card.put("owned_by", "vllm");
        card.put("root", "/models/" + servedModel);
        card.putNull("parent");
        if (listsMaxModelLen) {
            card.put("max_model_len", maxModelLen);
        }
        card.putArray("permission");
        send(exchange, 200, JSON.writeValueAsString(root), null);
    }

    private void completions(HttpExchange exchange) throws IOException {
        completions.incrementAndGet();
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        requestBodies.add(body);
        for (JsonNode prompt : body.path("prompt")) {
            int requested = prompt.size() + body.path("max_tokens").asInt(16);
            if (requested > maxModelLen) {
                // vLLM counts the generated tokens against the context length too.
                send(exchange, 400, "{\"object\":\"error\",\"message\":\"This model's maximum context length is "
                        + maxModelLen + " tokens. However, you requested " + requested + " tokens (" + prompt.size()
                        + " in the messages, " + body.path("max_tokens").asInt(16) + " in the completion). Please"
                        + " reduce the length of the messages or completion.\",\"type\":\"BadRequestError\","
                        + "\"param\":null,\"code\":400}", null);
                return;
            }
        }
        Fault fault = faults.poll();
        if (fault == Fault.HTTP_500) {
            send(exchange, 500, "{\"object\":\"error\",\"message\":\"Internal Server Error\",\"type\":"
                    + "\"InternalServerError\",\"param\":null,\"code\":500}", null);
            return;
        }
        if (fault == Fault.HTTP_429_RETRY_AFTER_1) {
            send(exchange, 429, "{\"object\":\"error\",\"message\":\"Too Many Requests\"}", "1");
            return;
        }
        if (fault == Fault.MALFORMED_JSON) {
            send(exchange, 200, "{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"choices\":[{\"index\":0,", null);
            return;
        }
        if (fault == Fault.SLOW_30_S) {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ObjectNode answer = answer(body, fault);
        send(exchange, 200, JSON.writeValueAsString(answer), null);
    }

    private ObjectNode answer(JsonNode body, Fault fault) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "cmpl-" + Integer.toHexString(completions.get()));
        root.put("object", "text_completion");
        root.put("created", 1_764_633_600L);
        root.put("model", body.path("model").asText());
        ArrayNode choices = root.putArray("choices");
        int promptTokens = 0;
        JsonNode prompts = body.get("prompt");
        for (int p = 0; p < prompts.size(); p++) {
            int[] ids = new int[prompts.get(p).size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = prompts.get(p).get(i).intValue();
            }
            promptTokens += ids.length;
            choices.add(choice(p, ids, fault));
        }
        if (fault == Fault.NO_CHOICES) {
            root.remove("choices");
        }
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("total_tokens", promptTokens + prompts.size());
        usage.put("completion_tokens", prompts.size());
        usage.putNull("prompt_tokens_details");
        root.putNull("kv_transfer_params");
        return root;
    }

    private ObjectNode choice(int index, int[] ids, Fault fault) {
        PositionLogprobs scored = score(ids);
        ObjectNode choice = JSON.createObjectNode();
        choice.put("index", index);
        choice.put("text", tokenizer.decode(append(ids, scored.generated), false));
        if (fault == Fault.NULL_LOGPROBS) {
            choice.putNull("logprobs");
        } else {
            ObjectNode logprobs = choice.putObject("logprobs");
            ArrayNode offsets = logprobs.putArray("text_offset");
            ArrayNode tokenLogprobs = logprobs.putArray("token_logprobs");
            ArrayNode tokens = logprobs.putArray("tokens");
            ArrayNode top = logprobs.putArray("top_logprobs");
            int[] all = append(ids, scored.generated);
            int first = generatedOnly ? ids.length : 0;
            int end = fault == Fault.ONE_TOKEN_SHORT ? all.length - 1 : all.length;
            int offset = 0;
            for (int i = first; i < end; i++) {
                String token = token(all[i]);
                offsets.add(offset);
                offset += tokenizer.decode(new int[] {all[i]}, false).length();
                tokens.add(token);
                if (i == 0) {
                    tokenLogprobs.addNull();
                    top.addNull();
                    continue;
                }
                double value = fault == Fault.NAN_LOGPROB && i == 1 ? Double.NaN : scored.logprob[i];
                tokenLogprobs.add(value);
                if (fault == Fault.NULL_TOP_LOGPROB && i == 2) {
                    top.addNull();
                    continue;
                }
                ObjectNode entry = top.addObject();
                entry.put(token(scored.argmax[i]), scored.max[i]);
                entry.put(token, value);
            }
            if (fault == Fault.WRONG_TOKEN_ID) {
                tokens.set(3, tokens.get(3).asText().replaceAll("\\d+$", "") + (all[3] + 1));
            }
            if (fault == Fault.MISSING_TOP_LOGPROBS) {
                logprobs.remove("top_logprobs");
            }
            if (fault == Fault.FIELDS_REORDERED) {
                ObjectNode reversed = JSON.createObjectNode();
                List.of("top_logprobs", "tokens", "token_logprobs", "text_offset")
                        .forEach(field -> reversed.set(field, logprobs.get(field)));
                choice.set("logprobs", reversed);
                choice.remove("index");
                choice.put("index", index);
            }
        }
        if (fault == Fault.REPEATED_INDEX) {
            choice.put("index", 0);
        }
        choice.put("finish_reason", "length");
        choice.putNull("stop_reason");
        choice.putNull("prompt_logprobs");
        return choice;
    }

    private String token(int id) {
        return tokensAsIds ? "token_id:" + id : tokenizer.decode(new int[] {id}, false);
    }

    /**
     * Log-softmax values (float32, widened) at each position i >= 1 of ids + the greedy next token: of the token, the
     * max, argmax.
     */
    record PositionLogprobs(double[] logprob, double[] max, int[] argmax, int generated) {
    }

    /** Answers already computed, by prompt: the model runs once per distinct prompt, as a prefix cache would. */
    private final java.util.Map<String, PositionLogprobs> computed = new java.util.concurrent.ConcurrentHashMap<>();

    private PositionLogprobs score(int[] ids) {
        return computed.computeIfAbsent(java.util.Arrays.toString(ids), key -> positionLogprobs(model, ids));
    }

    /** What this server computes for a prompt: one forward pass of the whole prompt, alone. */
    static PositionLogprobs positionLogprobs(CausalLm model, int[] ids) {
        int n = ids.length;
        float[] rows;
        int vocab = model.config().vocabSize();
        synchronized (model) {
            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                long[] longs = new long[n];
                for (int i = 0; i < n; i++) {
                    longs[i] = ids[i];
                }
                NDArray input = manager.create(longs).reshape(1, n);
                rows = model.logits(input, null).logSoftmax(2).toFloatArray();
            }
        }
        double[] logprob = new double[n + 1];
        double[] max = new double[n + 1];
        int[] argmax = new int[n + 1];
        int generated = -1;
        for (int i = 1; i <= n; i++) {
            int row = (i - 1) * vocab;
            int best = 0;
            for (int v = 1; v < vocab; v++) {
                if (rows[row + v] > rows[row + best]) {
                    best = v;
                }
            }
            argmax[i] = best;
            max[i] = rows[row + best];
            if (i == n) {
                generated = best;
            }
            logprob[i] = rows[row + (i < n ? ids[i] : best)];
        }
        return new PositionLogprobs(logprob, max, argmax, generated);
    }

    private static int[] append(int[] ids, int last) {
        int[] all = java.util.Arrays.copyOf(ids, ids.length + 1);
        all[ids.length] = last;
        return all;
    }

    private static void send(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops at once: open connections are dropped, as when the server process dies. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package dev.wmdpjunit.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * JSON over HTTP to one OpenAI-compatible base URL ({@code http://host:8000/v1}): at most {@code concurrency}
 * requests in flight, each answer awaited at most {@code timeout}; 429, 5xx and dropped connections are tried again
 * up to {@code retries} times with exponential backoff (or the server's {@code Retry-After}), each retry logged.
 * A timeout is not retried: a server that takes that long is overloaded or hung, and waiting again would only
 * multiply the wait. The API key goes into the Authorization header and nowhere else.
 */
final class CompletionsClient {

    private static final System.Logger LOG = System.getLogger(CompletionsClient.class.getName());
    /** Reads numbers with Jackson's fast double parser: the same, correctly rounded, values as Double.parseDouble. */
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());
    private static final long FIRST_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final URI base;
    private final HttpClient http;
    private final Semaphore inFlight;
    private final Duration timeout;
    private final int retries;
    private final Optional<String> apiKey;

    CompletionsClient(URI base, RemoteSettings settings) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.inFlight = new Semaphore(settings.concurrency(), true);
        this.timeout = settings.timeout();
        this.retries = settings.retries();
        this.apiKey = settings.apiKey();
    }

    /** The endpoint as the user gave it, for messages. */
    String endpoint() {
        return base.toString().replaceAll("/$", "");
    }

    /** {@code GET base/path}, the answer as a JSON tree. */
    JsonNode get(String path) {
        String what = "GET " + base.resolve(path);
        byte[] body = send(path, null);
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new RemoteModelException(what + ": the answer is not a JSON object: " + abbreviate(body));
            }
            return root;
        } catch (IOException e) {
            throw notJson(what, e, body);
        }
    }

    /** {@code POST base/path} with a JSON body; the answer's bytes, as they came (HTTP 200). */
    byte[] post(String path, byte[] json) {
        return send(path, json);
    }

    /** {@code POST base/path}, for messages. */
    String describePost(String path) {
        return "POST " + base.resolve(path);
    }

    private byte[] send(String path, byte[] body) {
        URI uri = base.resolve(path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        apiKey.ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        HttpRequest request = body == null ? builder.GET().build()
                : builder.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        String what = (body == null ? "GET " : "POST ") + uri;
        for (int attempt = 0; ; attempt++) {
            Optional<Long> retryAfterMillis;
            String failure;
            HttpResponse<byte[]> response;
            try {
                response = exchange(request);
            } catch (HttpTimeoutException e) {
                throw new RemoteModelException(what + ": no answer within " + timeout.toSeconds() + " s ("
                        + RemoteSettings.TIMEOUT + ")", e);
            } catch (IOException e) {
                response = null;
                retryAfterMillis = Optional.empty();
                failure = "connection failed (" + e + ")";
                if (attempt >= retries) {
                    throw new RemoteModelException(what + ": " + failure + " after " + (attempt + 1) + " tries", e);
                }
                pause(what, failure, attempt, retryAfterMillis);
                continue;
            }
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            failure = "HTTP " + status + " " + abbreviate(response.body());
            boolean retriable = status == 429 || status >= 500;
            if (!retriable || attempt >= retries) {
                throw new RemoteModelException(what + ": " + failure + (retriable ? " after " + (attempt + 1)
                        + " tries" : "") + (status == 401 || status == 403 ? " (set " + RemoteSettings.API_KEY_ENV
                        + " to the name of the environment variable holding the key)" : ""));
            }
            retryAfterMillis = response.headers().firstValue("Retry-After").flatMap(CompletionsClient::seconds)
                    .map(s -> s * 1000);
            pause(what, failure, attempt, retryAfterMillis);
        }
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException {
        try {
            inFlight.acquire();
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } finally {
                inFlight.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteModelException(request.method() + " " + request.uri() + ": interrupted", e);
        }
    }

    /** {@code what}: the answer is not valid JSON (where and why), and its start. */
    static RemoteModelException notJson(String what, IOException e, byte[] body) {
        String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() + " at line "
                + json.getLocation().getLineNr() + " column " + json.getLocation().getColumnNr() : e.toString();
        return new RemoteModelException(what + ": the answer is not valid JSON (" + why + "): " + abbreviate(body), e);
    }

    private void pause(String what, String failure, int attempt, Optional<Long> retryAfterMillis) {
        long millis = retryAfterMillis.orElse(Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << attempt));
        millis = Math.min(millis, MAX_BACKOFF_MILLIS * 2);
        LOG.log(System.Logger.Level.WARNING, "{0}: {1}; try {2} of {3} in {4} ms", what, failure, attempt + 2,
                retries + 1, millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteModelException(what + ": interrupted while waiting to retry after " + failure, e);
        }
    }

    /** {@code Retry-After} in seconds (the HTTP-date form is not used by inference servers). */
    private static Optional<Long> seconds(String header) {
        try {
            return Optional.of(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String abbreviate(byte[] body) {
        // Only the start is shown: decode no more of a large answer than that.
        int length = Math.min(body.length, 4 * 300 + 3);
        return abbreviate(new String(body, 0, length, StandardCharsets.UTF_8));
    }

    static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}

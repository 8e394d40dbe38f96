package dev.wmdpjunit.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wmdpjunit.core.io.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hugging Face hub on 127.0.0.1 that answers as the hub does, for the hub downloads' tests:
 * <ul>
 *   <li>{@code GET /api/models/<org>/<name>/revision/<rev>} (and {@code /api/datasets/...}): {@code sha} and
 *       {@code siblings[].rfilename}; 404 with {@code X-Error-Code: RepoNotFound} or {@code RevisionNotFound};</li>
 *   <li>{@code HEAD|GET /<org>/<name>/resolve/<rev>/<file>} (datasets under {@code /datasets/}): a regular file
 *       answers 200 with its git blob sha1 as {@code ETag}; an LFS file (safetensors, parquet) answers 302 to
 *       {@code /cdn/<sha256>} with {@code X-Linked-Etag} (its sha256) and {@code X-Linked-Size}; both carry
 *       {@code X-Repo-Commit};</li>
 *   <li>{@code GET /cdn/<sha256>}: the bytes, honouring {@code Range};</li>
 *   <li>a repository can require a token (401 {@code GatedRepo} without it, 403 with another one), a file's next
 *       download can be cut after some bytes (connection closed), and a file can be served with altered bytes.</li>
 * </ul>
 * Files are served from the paths given (shared fixtures or files a test wrote); nothing is copied.
 */
public final class FakeHub implements AutoCloseable {

    private record Repo(String commit, Map<String, Path> files, Optional<String> token) {
    }

    private static final Pattern API = Pattern.compile("/api/(models|datasets)/([^/]+/[^/]+)/revision/(.+)");
    private static final Pattern RESOLVE = Pattern.compile("/(datasets/)?([^/]+/[^/]+)/resolve/([^/]+)/(.+)");
    private static final Pattern CDN = Pattern.compile("/cdn/([0-9a-f]{64})");

    private final HttpServer server;
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<String, Path> blobs = new ConcurrentHashMap<>();
    private final Map<String, Long> cuts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> altered = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    public FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}, the value of HF_ENDPOINT. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves a model repository whose {@code main} is {@code commit}. */
    public FakeHub model(String repo, String commit, Map<String, Path> files) {
        return add("models/" + repo, commit, files, Optional.empty());
    }

    /** Serves a gated model repository: only the given token may read it. */
    public FakeHub gatedModel(String repo, String commit, Map<String, Path> files, String token) {
        return add("models/" + repo, commit, files, Optional.of(token));
    }

    public FakeHub dataset(String repo, String commit, Map<String, Path> files) {
        return add("datasets/" + repo, commit, files, Optional.empty());
    }

    /** The next download of the file with this sha256 sends only its first {@code bytes} bytes, then hangs up. */
    public void cutNextDownload(Path file, long bytes) {
        cuts.put(Sha256.ofFile(file), bytes);
    }

    /** Downloads of the file with this sha256 get one byte changed. */
    public void alter(Path file) {
        altered.put(Sha256.ofFile(file), true);
    }

    /** {@code METHOD path [Range]} of every request so far. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The files whose bytes were requested ({@code GET} on resolve or cdn), by name or sha256. */
    public List<String> downloads() {
        return requests().stream().filter(r -> r.startsWith("GET ") && !r.contains("/api/")).toList();
    }

    private FakeHub add(String key, String commit, Map<String, Path> files, Optional<String> token) {
        repos.put(key, new Repo(commit, new LinkedHashMap<>(files), token));
        files.values().forEach(file -> blobs.put(Sha256.ofFile(file), file));
        return this;
    }

    public static boolean isLfs(String file) {
        return file.endsWith(".safetensors") || file.endsWith(".parquet") || file.endsWith(".bin");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + path
                    + Optional.ofNullable(exchange.getRequestHeaders().getFirst("Range")).map(r -> " " + r).orElse(""));
            Matcher m;
            if ((m = API.matcher(path)).matches()) {
                api(exchange, m.group(1) + "/" + m.group(2), m.group(3));
            } else if ((m = CDN.matcher(path)).matches()) {
                cdn(exchange, m.group(1));
            } else if ((m = RESOLVE.matcher(path)).matches()) {
                resolve(exchange, (m.group(1) == null ? "models/" : "datasets/") + m.group(2), m.group(3), m.group(4));
            } else {
                error(exchange, 404, "EntryNotFound");
            }
        }
    }

    /** The repository if the request may read it; otherwise the error is sent and empty returned. */
    private Optional<Repo> readable(HttpExchange exchange, String key, String revision) throws IOException {
        Repo repo = repos.get(key);
        if (repo == null) {
            error(exchange, 404, "RepoNotFound");
            return Optional.empty();
        }
        if (repo.token().isPresent()) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null) {
                error(exchange, 401, "GatedRepo");
                return Optional.empty();
            }
            if (!auth.equals("Bearer " + repo.token().get())) {
                error(exchange, 403, "GatedRepo");
                return Optional.empty();
            }
        }
        if (!revision.equals("main") && !revision.equals(repo.commit())) {
            error(exchange, 404, "RevisionNotFound");
            return Optional.empty();
        }
        return Optional.of(repo);
    }

    private void api(HttpExchange exchange, String key, String revision) throws IOException {
        Optional<Repo> repo = readable(exchange, key, revision);
        if (repo.isEmpty()) {
            return;
        }
        StringBuilder json = new StringBuilder("{\"id\":\"" + key.substring(key.indexOf('/') + 1) + "\",\"sha\":\""
                + repo.get().commit() + "\",\"siblings\":[");
        List<String> names = new ArrayList<>(repo.get().files().keySet());
        for (int i = 0; i < names.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"rfilename\":\"").append(names.get(i)).append("\"}");
        }
        byte[] body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void resolve(HttpExchange exchange, String key, String revision, String file) throws IOException {
        Optional<Repo> repo = readable(exchange, key, revision);
        if (repo.isEmpty()) {
            return;
        }
        Path content = repo.get().files().get(file);
        if (content == null) {
            error(exchange, 404, "EntryNotFound");
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("X-Repo-Commit", repo.get().commit());
        long size = Files.size(content);
        if (isLfs(file)) {
            String sha256 = Sha256.ofFile(content);
            headers.set("X-Linked-Etag", "\"" + sha256 + "\"");
            headers.set("X-Linked-Size", Long.toString(size));
            headers.set("ETag", "\"" + gitSha1(Files.readAllBytes(content)) + "\"");
            headers.set("Location", endpoint() + "/cdn/" + sha256);
            exchange.sendResponseHeaders(302, -1);
            return;
        }
        headers.set("ETag", "\"" + gitSha1(Files.readAllBytes(content)) + "\"");
        if (exchange.getRequestMethod().equals("HEAD")) {
            headers.set("Content-Length", Long.toString(size));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        byte[] bytes = Files.readAllBytes(content);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void cdn(HttpExchange exchange, String sha256) throws IOException {
        Path content = blobs.get(sha256);
        if (content == null) {
            error(exchange, 404, "EntryNotFound");
            return;
        }
        byte[] bytes = Files.readAllBytes(content);
        if (altered.containsKey(sha256)) {
            bytes[bytes.length / 2] ^= 1;
        }
        int from = 0;
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/"
                    + bytes.length);
        }
        exchange.sendResponseHeaders(range == null ? 200 : 206, bytes.length - from);
        OutputStream out = exchange.getResponseBody();
        Long cut = cuts.remove(sha256);
        if (cut != null) {
            out.write(bytes, from, (int) (cut - from));
            out.flush();
            throw new IOException("cut"); // HttpServer closes the connection of a failed exchange
        }
        out.write(bytes, from, bytes.length - from);
    }

    private static void error(HttpExchange exchange, int status, String code) throws IOException {
        byte[] body = ("{\"error\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("X-Error-Code", code);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Git's blob id of the bytes, which the hub sends as the ETag of regular files. */
    public static String gitSha1(byte[] bytes) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.wmdpjunit.core.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hub's HTTP API as huggingface_hub uses it: {@code GET /api/<type>s/<repo>/revision/<rev>} for the commit and
 * the file list, {@code HEAD /<prefix><repo>/resolve/<commit>/<file>} for the blob's etag ({@code X-Linked-Etag}
 * for LFS files, else {@code ETag}) and where to fetch it (the {@code Location} of its redirect), then a
 * {@code GET} into {@code blobs/<etag>.incomplete}, resumed with {@code Range} after an interruption, checked
 * (sha256 for LFS files, git blob sha1 otherwise), moved into {@code blobs/<etag>} and linked from the snapshot.
 */
final class HubClient {

    /** The hub could not be reached at all (as opposed to answering with an error). */
    static final class Unreachable extends HubException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A revision's commit and its files. */
    record RepoInfo(String commit, List<String> files) {
    }

    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.hub");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern GIT_SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final long PROGRESS_ABOVE = 10L << 20;
    private static final int MAX_REDIRECTS = 5;
    /** Downloads of this JVM take turns; the lock files keep other processes out. */
    private static final Object DOWNLOADS = new Object();

    private final HubSettings settings;
    private final HubCache cache;
    private final HttpClient http;

    HubClient(HubSettings settings, HubCache cache) {
        this.settings = settings;
        this.cache = cache;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    RepoInfo repoInfo(HubId id) {
        URI uri = URI.create(settings.endpoint() + "/" + id.type().apiPrefix() + id.repo() + "/revision/"
                + URLEncoder.encode(id.revision(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = send(id, HttpRequest.newBuilder(uri).GET(), HttpResponse.BodyHandlers.ofByteArray(),
                "");
        try {
            JsonNode root = JSON.readTree(response.body());
            String commit = root.path("sha").asText("");
            if (!GIT_SHA1.matcher(commit).matches()) {
                throw new HubException(uri + ": the answer has no commit hash in 'sha' (got '" + commit + "')");
            }
            List<String> files = new ArrayList<>();
            root.path("siblings").forEach(sibling -> files.add(sibling.path("rfilename").asText()));
            return new RepoInfo(commit, List.copyOf(files));
        } catch (IOException e) {
            throw new HubException(uri + ": the answer is not the hub's JSON: " + e.getMessage(), e);
        }
    }

    /** Downloads one file of a pinned id ({@code revision} is a commit) into the cache and links it. */
    void download(HubId pinned, String file) throws IOException {
        URI resolve = URI.create(settings.endpoint() + "/" + pinned.type().urlPrefix() + pinned.repo() + "/resolve/"
                + pinned.revision() + "/" + encodePath(file));
        HttpResponse<Void> head = send(pinned, HttpRequest.newBuilder(resolve)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding(), file);
        // A relative redirect is the hub's own (a renamed repository); an absolute one points at the file's storage.
        for (int hops = 0; isRedirect(head) && head.headers().firstValue("Location").orElse("").startsWith("/")
                && hops < MAX_REDIRECTS; hops++) {
            head = send(pinned, HttpRequest.newBuilder(head.uri().resolve(head.headers().firstValue("Location")
                    .orElseThrow())).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                    HttpResponse.BodyHandlers.discarding(), file);
        }
        HttpHeaders headers = head.headers();
        Optional<String> linkedEtag = headers.firstValue("X-Linked-Etag");
        String etag = normalizeEtag(linkedEtag.or(() -> headers.firstValue("ETag")).orElseThrow(
                () -> new HubException(resolve + ": the hub sent no ETag, so the file cannot be stored by it")));
        if (etag.isEmpty() || etag.contains("/") || etag.contains("..")) {
            throw new HubException(resolve + ": unusable ETag '" + etag + "'");
        }
        long size = headers.firstValue("X-Linked-Size").or(() -> headers.firstValue("Content-Length"))
                .map(Long::parseLong).orElse(-1L);
        URI source = isRedirect(head)
                ? head.uri().resolve(headers.firstValue("Location").orElseThrow(
                        () -> new HubException(resolve + ": redirect without Location"))) : resolve;
        Path blob = cache.blob(pinned, etag);
        synchronized (DOWNLOADS) {
            Path lock = cache.lock(pinned, etag);
            Files.createDirectories(lock.getParent());
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 var ignored = channel.lock()) {
                if (!Files.isRegularFile(blob)) {
                    fetch(pinned, file, source, blob, etag, linkedEtag.isPresent(), size);
                }
            }
        }
        cache.link(pinned, pinned.revision(), file, blob);
    }

    /** GETs the file into {@code <blob>.incomplete} (resuming), checks it and moves it onto {@code blob}. */
    private void fetch(HubId pinned, String file, URI source, Path blob, String etag, boolean lfs, long size)
            throws IOException {
        Path incomplete = blob.resolveSibling(blob.getFileName() + ".incomplete");
        Files.createDirectories(blob.getParent());
        long have = Files.isRegularFile(incomplete) ? Files.size(incomplete) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(source).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = send(pinned, request, HttpResponse.BodyHandlers.ofInputStream(), file);
        for (int hops = 0; isRedirect(response) && hops < MAX_REDIRECTS; hops++) {
            response.body().close();
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow(
                    () -> new HubException(source + ": redirect without Location")));
            HttpRequest.Builder again = HttpRequest.newBuilder(next).GET();
            if (have > 0) {
                again.header("Range", "bytes=" + have + "-");
            }
            response = send(pinned, again, HttpResponse.BodyHandlers.ofInputStream(), file);
        }
        if (isRedirect(response)) {
            throw new HubException(source + ": more than " + MAX_REDIRECTS + " redirects");
        }
        if (response.statusCode() != 206) {
            have = 0; // the server sent the whole file
        }
        String what = pinned.repo() + "/" + file;
        if (have > 0) {
            LOGGER.log(System.Logger.Level.INFO, "resuming {0} at byte {1}", what, Long.toString(have));
        } else if (size > PROGRESS_ABOVE) {
            LOGGER.log(System.Logger.Level.INFO, "downloading {0} ({1} MB) into {2}", what, Long.toString(size >> 20),
                    blob);
        }
        // LFS files are named by their sha256, other files by their git blob sha1 (which needs the size).
        boolean bySha256 = SHA256.matcher(etag).matches();
        boolean checked = bySha256 || (GIT_SHA1.matcher(etag).matches() && size >= 0);
        MessageDigest digest = checked && !bySha256 ? gitBlobSha1(size) : sha256();
        digestPrefix(incomplete, have, digest);
        long written = have;
        try (InputStream in = response.body();
             OutputStream out = Files.newOutputStream(incomplete, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     have > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[1 << 16];
            long nextReport = size / 10;
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                written += n;
                if (size > PROGRESS_ABOVE && written >= nextReport) {
                    LOGGER.log(System.Logger.Level.INFO, "{0}: {1}% ({2} of {3} MB)", what,
                            Long.toString(100 * written / size), Long.toString(written >> 20),
                            Long.toString(size >> 20));
                    nextReport += size / 10;
                }
            }
        } catch (IOException e) {
            throw new Unreachable("network failure while downloading " + what + " from " + source.getHost() + ": "
                    + e.getMessage() + "; the " + Files.size(incomplete) + " bytes received stay in " + incomplete
                    + " (never used as the file) and the next download resumes from there", e);
        }
        if (size >= 0 && written != size) {
            throw new Unreachable("download of " + what + " ended after " + written + " of " + size + " bytes; they"
                    + " stay in " + incomplete + " (never used as the file) and the next download resumes there", null);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (checked && !actual.equals(etag)) {
            Files.deleteIfExists(incomplete);
            throw new HubException(what + " from " + source.getHost() + ": the downloaded bytes hash to " + actual
                    + " but the hub's " + (lfs ? "X-Linked-Etag" : "ETag") + (bySha256 ? " (sha256)" : " (git blob sha1)") + " is " + etag
                    + "; the file was deleted, not used. Retry; if it persists, the hub or a proxy alters the file");
        }
        AtomicFiles.moveIntoPlace(incomplete, blob);
    }

    /** Sends a request to the hub (the token only to the hub's own host) and turns error statuses into messages. */
    private <T> HttpResponse<T> send(HubId id, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body,
                                     String file) {
        URI uri = request.build().uri();
        request.header("User-Agent", "wmdp-junit").header("Accept-Encoding", "identity")
                .timeout(Duration.ofMinutes(5));
        if (settings.token().isPresent() && Objects.equals(uri.getHost(), settings.endpoint().getHost())
                && uri.getPort() == settings.endpoint().getPort()) {
            request.header("Authorization", "Bearer " + settings.token().get());
        }
        HttpResponse<T> response;
        try {
            response = http.send(request.build(), body);
        } catch (IOException e) {
            throw new Unreachable("cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " for "
                    + Hub.describe(id) + (file.isEmpty() ? "" : " file " + file) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("interrupted while downloading " + Hub.describe(id), e);
        }
        int status = response.statusCode();
        if (status < 400) {
            return response;
        }
        String code = response.headers().firstValue("X-Error-Code").map(c -> " (" + c + ")").orElse("");
        String what = Hub.describe(id) + (file.isEmpty() ? "" : ", file " + file);
        String page = settings.endpoint() + "/" + id.type().urlPrefix() + id.repo();
        if (status == 401 || status == 403) {
            throw new HubException(what + ": " + settings.endpoint().getHost() + " answered " + status + code
                    + " for " + uri + ": the repository is gated or private. Accept its terms on " + page
                    + " (logged in), create a read token at " + settings.endpoint() + "/settings/tokens and set"
                    + " HF_TOKEN in the environment; " + (settings.token().isPresent()
                    ? "a token is set but has no access to this repository" : "no token is set"));
        }
        if (status == 404) {
            throw new HubException(what + ": not found on " + settings.endpoint() + " (404" + code + " for " + uri
                    + "); check the id (" + page + ") and that revision '" + id.revision() + "' exists");
        }
        throw new Unreachable(what + ": " + settings.endpoint().getHost() + " answered " + status + code + " for "
                + uri, null);
    }

    private static boolean isRedirect(HttpResponse<?> response) {
        return response.statusCode() / 100 == 3;
    }

    /** {@code "abc"} and {@code W/"abc"} to {@code abc}, as huggingface_hub normalizes ETags. */
    static String normalizeEtag(String etag) {
        String text = etag.strip();
        if (text.startsWith("W/")) {
            text = text.substring(2);
        }
        return text.replace("\"", "").toLowerCase(Locale.ROOT);
    }

    private static String encodePath(String file) {
        List<String> segments = new ArrayList<>();
        for (String segment : file.split("/")) {
            segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", segments);
    }

    private static void digestPrefix(Path file, long length, MessageDigest digest) throws IOException {
        if (length == 0) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            long left = length;
            for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
                digest.update(buffer, 0, n);
                left -= n;
            }
        }
    }

    private static MessageDigest sha256() {
        return digest("SHA-256");
    }

    /** Git's blob id: sha1 of {@code "blob <size>\0"} followed by the content. */
    private static MessageDigest gitBlobSha1(long size) {
        MessageDigest sha1 = digest("SHA-1");
        sha1.update(("blob " + Math.max(size, 0) + "\0").getBytes(StandardCharsets.US_ASCII));
        return sha1;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }
}

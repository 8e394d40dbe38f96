package dev.wmdpjunit.core.hub;

import dev.wmdpjunit.core.model.ProviderSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the hub cache is, where the hub is, and whether downloading is allowed, read as huggingface_hub reads them
 * (environment variables), with {@code wmdp.hub.*} keys on top.
 *
 * <ul>
 *   <li>cache: {@value #CACHE_KEY}, else {@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE}, else
 *       {@code $HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else
 *       {@code ~/.cache/huggingface/hub};</li>
 *   <li>hub: {@value #ENDPOINT_KEY}, else {@code HF_ENDPOINT}, else {@value #DEFAULT_ENDPOINT};</li>
 *   <li>downloads: only with {@value #DOWNLOAD_KEY}{@code =true}, and never while {@code HF_HUB_OFFLINE} (or
 *       {@code TRANSFORMERS_OFFLINE}) is true;</li>
 *   <li>token for gated and private repos: {@code HF_TOKEN}, else the file {@code huggingface-cli login} writes
 *       ({@code HF_TOKEN_PATH}, else {@code $HF_HOME/token}). It is sent to the hub only, never logged, never
 *       written, never part of {@link #toString()}.</li>
 * </ul>
 *
 * @param cache           the hub cache folder
 * @param endpoint        the hub's base URL, without a trailing slash
 * @param download        whether missing files may be downloaded
 * @param offlineVariable the environment variable that forbids downloads, if one does (for messages)
 * @param token           the access token, if any
 */
public record HubSettings(Path cache, URI endpoint, boolean download, Optional<String> offlineVariable,
                          Optional<String> token) {

    public static final String CACHE_KEY = "wmdp.hub.cache";
    public static final String ENDPOINT_KEY = "wmdp.hub.endpoint";
    public static final String DOWNLOAD_KEY = "wmdp.hub.download";
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final Set<String> TRUE = Set.of("1", "on", "yes", "true");

    public HubSettings {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(offlineVariable, "offlineVariable");
        Objects.requireNonNull(token, "token");
        String text = endpoint.toString();
        if (text.endsWith("/")) {
            endpoint = URI.create(text.substring(0, text.length() - 1));
        }
    }

    /** The run's settings and this process's environment. */
    public static HubSettings from(ProviderSettings settings) {
        return from(settings, System.getenv());
    }

    /** @param env the environment variables to read, e.g. {@link System#getenv()} */
    public static HubSettings from(ProviderSettings settings, Map<String, String> env) {
        Path home = env("HF_HOME", env).map(HubSettings::expandHome)
                .orElseGet(() -> env("XDG_CACHE_HOME", env).map(HubSettings::expandHome)
                        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache")).resolve("huggingface"));
        Path cache = settings.get(CACHE_KEY).or(() -> env("HF_HUB_CACHE", env))
                .or(() -> env("HUGGINGFACE_HUB_CACHE", env)).map(HubSettings::expandHome)
                .orElse(home.resolve("hub"));
        String endpoint = settings.get(ENDPOINT_KEY).or(() -> env("HF_ENDPOINT", env)).orElse(DEFAULT_ENDPOINT);
        Optional<String> offline = env("HF_HUB_OFFLINE", env).filter(HubSettings::isTrue).map(v -> "HF_HUB_OFFLINE")
                .or(() -> env("TRANSFORMERS_OFFLINE", env).filter(HubSettings::isTrue).map(v -> "TRANSFORMERS_OFFLINE"));
        boolean download = settings.get(DOWNLOAD_KEY).map(HubSettings::downloadValue).orElse(false)
                && offline.isEmpty();
        Optional<String> token = env("HF_TOKEN", env).or(() -> env("HUGGING_FACE_HUB_TOKEN", env))
                .or(() -> tokenFile(env("HF_TOKEN_PATH", env).map(HubSettings::expandHome)
                        .orElse(home.resolve("token"))));
        return new HubSettings(cache, URI.create(endpoint), download, offline, token);
    }

    /** How to allow downloads, or why they are not allowed, for messages about files missing from the cache. */
    public String howToDownload() {
        if (download) {
            return "downloads are on (" + DOWNLOAD_KEY + "=true)";
        }
        return offlineVariable.map(variable -> "downloads are off: " + variable + " is set; unset it and set "
                        + DOWNLOAD_KEY + "=true to download from " + endpoint)
                .orElse("nothing is downloaded unless asked: set " + DOWNLOAD_KEY + "=true (e.g. -D" + DOWNLOAD_KEY
                        + "=true) to download it from " + endpoint + ", or fetch it with huggingface-cli download");
    }

    @Override
    public String toString() {
        return "HubSettings[cache=" + cache + ", endpoint=" + endpoint + ", download=" + download + ", token="
                + (token.isPresent() ? "set" : "none") + "]";
    }

    private static boolean downloadValue(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(DOWNLOAD_KEY + " = '" + text + "': expected true or false");
        };
    }

    private static boolean isTrue(String value) {
        return TRUE.contains(value.toLowerCase(Locale.ROOT));
    }

    private static Optional<String> env(String name, Map<String, String> env) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Path expandHome(String path) {
        return path.equals("~") || path.startsWith("~/")
                ? Path.of(System.getProperty("user.home") + path.substring(1)) : Path.of(path);
    }

    private static Optional<String> tokenFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(t -> !t.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Hugging Face token file " + file, e);
        }
    }
}

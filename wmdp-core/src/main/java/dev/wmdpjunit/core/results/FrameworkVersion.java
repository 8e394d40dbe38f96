package dev.wmdpjunit.core.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The wmdp-junit version that produced a result. Maven writes it into {@code framework-version.properties}
 * at build time (resource filtering of {@code ${project.version}}), so it is never typed by hand.
 */
public final class FrameworkVersion {

    private static final String RESOURCE = "framework-version.properties";

    private FrameworkVersion() {
    }

    /** The version of this build, for example {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        Properties properties = new Properties();
        try (InputStream in = FrameworkVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + FrameworkVersion.class.getName()
                        + ": the wmdp-core build did not package its resources");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        String version = properties.getProperty("version", "");
        if (version.isBlank() || version.contains("${")) {
            throw new IllegalStateException(RESOURCE + " has no filtered version (got '" + version
                    + "'): build wmdp-core with Maven so that resource filtering fills it in");
        }
        return version;
    }
}

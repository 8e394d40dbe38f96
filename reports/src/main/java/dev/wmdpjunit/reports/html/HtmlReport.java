package dev.wmdpjunit.reports.html;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.wmdpjunit.core.io.AtomicFiles;
import dev.wmdpjunit.core.io.Sha256;
import dev.wmdpjunit.reports.data.RunResults;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Writes the HTML safety report: {@code index.html} and its {@code assets/} folder (Apache ECharts from its webjar,
 * the report's script and style sheet). Assets are named by version or content and written first, index.html last,
 * each atomically: a reader sees the old report or the new one, never a page pointing at missing files. The
 * template escapes every text it prints.
 */
public final class HtmlReport {

    public static final String INDEX = "index.html";
    static final String ASSETS = "assets";
    private static final String RESOURCES = "dev/wmdpjunit/reports/html/";
    private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final String ECHARTS_DIR = "META-INF/resources/webjars/echarts/%s/";
    private static final Mustache TEMPLATE = new DefaultMustacheFactory(RESOURCES).compile("index.mustache");

    private HtmlReport() {
    }

    /**
     * Writes the report of {@code run} into {@code outputDir}, replacing an older one there.
     *
     * @return the written index.html
     */
    public static Path write(RunResults run, Path outputDir) throws IOException {
        Path assets = outputDir.resolve(ASSETS);
        String echartsVersion = echartsVersion();
        String echartsDir = String.format(ECHARTS_DIR, echartsVersion);
        String echarts = "echarts-" + echartsVersion + ".min.js";
        copy(echartsDir + "dist/echarts.min.js", assets.resolve(echarts));
        copy(echartsDir + "LICENSE", assets.resolve(echarts + ".LICENSE.txt"));
        copy(echartsDir + "NOTICE", assets.resolve(echarts + ".NOTICE.txt"));
        String css = writeByContent(assets, "report", ".css", resource(RESOURCES + "report.css"));
        String js = writeByContent(assets, "report", ".js", resource(RESOURCES + "report.js"));

        ReportView view = ReportViewBuilder.build(run, new ReportView.Assets(ASSETS + "/" + echarts,
                ASSETS + "/" + css, ASSETS + "/" + js));
        StringWriter html = new StringWriter();
        TEMPLATE.execute(html, view);
        Path index = outputDir.resolve(INDEX);
        AtomicFiles.write(index, out -> out.write(html.toString().getBytes(StandardCharsets.UTF_8)));
        return index;
    }

    /** The version of the ECharts webjar on the class path, from its Maven metadata. */
    static String echartsVersion() {
        Properties pom = new Properties();
        try (InputStream in = open(ECHARTS_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ECHARTS_POM, e);
        }
        return pom.getProperty("version");
    }

    /** Writes {@code bytes} as {@code <stem>.<first 12 hex digits of their SHA-256><suffix>}; returns the name. */
    private static String writeByContent(Path dir, String stem, String suffix, byte[] bytes) throws IOException {
        String name = stem + "." + Sha256.ofBytes(bytes).substring(0, 12) + suffix;
        AtomicFiles.write(dir.resolve(name), out -> out.write(bytes));
        return name;
    }

    private static void copy(String resource, Path target) throws IOException {
        byte[] bytes = resource(resource);
        AtomicFiles.write(target, out -> out.write(bytes));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " is not on the class path (is org.webjars.npm:echarts"
                    + " a dependency?)");
        }
        return in;
    }
}

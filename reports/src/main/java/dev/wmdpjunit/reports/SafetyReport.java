package dev.wmdpjunit.reports;

import dev.wmdpjunit.reports.data.ResultsFolder;
import dev.wmdpjunit.reports.html.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Results folder in, self-contained HTML safety report out: {@code <output>/index.html} and
 * {@code <output>/assets/}, opened from disk with no server. The report depends only on the files it reads (it
 * shows when the scores were made, not when it was written), so rebuilding it from the same folder gives the same
 * page.
 */
public final class SafetyReport {

    private SafetyReport() {
    }

    /**
     * @param resultsFolder the engine's results folder ({@code wmdp.results}), only read
     * @param baselines     the committed baselines folder to compare with ({@code wmdp.baseline.dir}), if any
     * @param outputDir     where the report goes; an older report there is replaced
     * @return the written index.html
     * @throws dev.wmdpjunit.reports.data.ReportInputException naming the file and field of a malformed input
     */
    public static Path write(Path resultsFolder, Optional<Path> baselines, Path outputDir) throws IOException {
        return HtmlReport.write(ResultsFolder.read(resultsFolder, baselines), outputDir);
    }
}

package dev.wmdpjunit.reports.data;

import dev.wmdpjunit.core.results.ResultsFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A benchmark's committed baseline file ({@code <baselines>/<suite>/<benchmark>.json}, a results file), or why it
 * could not be read: the report shows the problem instead of failing, since the baseline is only compared.
 *
 * @param file    where it was looked for
 * @param results its content, when readable
 * @param problem why it could not be read, when not
 */
public record CommittedBaseline(Path file, Optional<ResultsFile> results, Optional<String> problem) {
}

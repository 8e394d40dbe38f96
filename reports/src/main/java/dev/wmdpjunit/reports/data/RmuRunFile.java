package dev.wmdpjunit.reports.data;

import dev.wmdpjunit.core.results.RmuRun;
import dev.wmdpjunit.core.results.RmuRunJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code rmu.json} in an unlearned checkpoint's folder and the RMU run it records (read with core's
 * {@link RmuRunJson}, without depending on the RMU fixture, which brings the DJL runtime).
 *
 * @param file the rmu.json read
 * @param run  what it records
 */
public record RmuRunFile(Path file, RmuRun run) {

    /**
     * The run recorded in {@code <checkpoint>/rmu.json}; empty when there is none (a model not made by the fixture,
     * or a checkpoint path that does not resolve from here).
     *
     * @throws ReportInputException naming the file and the field when the file is malformed
     */
    public static Optional<RmuRunFile> readIfPresent(Path checkpoint) {
        Path file = RmuRunJson.file(checkpoint);
        try {
            return RmuRunJson.readIfPresent(checkpoint).map(run -> new RmuRunFile(file, run));
        } catch (IOException e) {
            throw new ReportInputException(e.getMessage(), e);
        }
    }
}

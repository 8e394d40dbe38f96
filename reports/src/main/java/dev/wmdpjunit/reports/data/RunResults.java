package dev.wmdpjunit.reports.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A results folder as read: every suite in it, sorted by name.
 *
 * @param folder    the results folder
 * @param baselines the committed baselines folder compared with, if one was given
 * @param suites    the suites
 */
public record RunResults(Path folder, Optional<Path> baselines, List<SuiteResults> suites) {

    public RunResults {
        suites = List.copyOf(suites);
    }
}

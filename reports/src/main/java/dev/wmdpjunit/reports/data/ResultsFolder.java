package dev.wmdpjunit.reports.data;

import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.core.results.ProbeResultsJson;
import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.results.ResultsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads a results folder as the engine writes it:
 * <pre>
 * &lt;results&gt;/&lt;suite class name&gt;/&lt;benchmark&gt;.json           the model under test
 * &lt;results&gt;/&lt;suite class name&gt;/base/&lt;benchmark&gt;.json      the base model, when scored
 *                                                           (baseline/ before 0.1.0, still read)
 * &lt;results&gt;/&lt;suite class name&gt;/verdicts.json              the thresholds' verdicts
 * &lt;results&gt;/&lt;suite class name&gt;/probes/&lt;key&gt;/&lt;benchmark&gt;.json  residual-knowledge probes
 * </pre>
 * plus, for each suite, the {@code rmu.json} in the candidate model's directory and, when a baselines folder is
 * given, the committed baselines {@code <baselines>/<suite class name>/<benchmark>.json}. Results files are read
 * strictly (core's {@link ResultsJson}); a committed baseline that cannot be read is reported, not fatal. Only
 * reads.
 */
public final class ResultsFolder {

    /** The engine's probes folder (its {@code ProbeExecution.FOLDER}); files in it are core's ProbeResultsJson. */
    static final String PROBES_FOLDER = "probes";

    private ResultsFolder() {
    }

    /**
     * @param folder    the results folder ({@code wmdp.results})
     * @param baselines the committed baselines folder ({@code wmdp.baseline.dir}), if any; it need not exist
     * @throws ReportInputException if the folder is missing, holds no results, or a file in it is malformed
     */
    public static RunResults read(Path folder, Optional<Path> baselines) {
        if (!Files.isDirectory(folder)) {
            throw new ReportInputException("results folder " + folder.toAbsolutePath() + " does not exist", null);
        }
        List<SuiteResults> suites = new ArrayList<>();
        for (Path suiteDir : list(folder, Files::isDirectory)) {
            List<Path> files = resultsFiles(suiteDir);
            if (!files.isEmpty()) {
                suites.add(readSuite(suiteDir, files, baselines));
            }
        }
        if (suites.isEmpty()) {
            throw new ReportInputException("results folder " + folder.toAbsolutePath() + " holds no results: expected"
                    + " <suite class name>/<benchmark>.json files as the wmdp-junit engine writes them", null);
        }
        return new RunResults(folder, baselines, suites);
    }

    private static SuiteResults readSuite(Path suiteDir, List<Path> files, Optional<Path> baselines) {
        String suite = suiteDir.getFileName().toString();
        VerdictsJson.Contents recorded = VerdictsJson.read(suiteDir.resolve(VerdictsJson.FILE_NAME));
        Map<String, List<VerdictsJson.Entry>> verdicts = recorded.byDomain();
        List<DomainResults> domains = new ArrayList<>();
        for (Path file : files) {
            ResultsFile candidate = readResults(file);
            String domain = candidate.result().domain();
            Optional<ResultsFile> base = Stream.of(ResultsJson.BASE_MODEL_FOLDER, ResultsJson.OLD_BASE_MODEL_FOLDER)
                    .map(folder -> suiteDir.resolve(folder).resolve(file.getFileName())).filter(Files::isRegularFile)
                    .findFirst().map(ResultsFolder::readResults);
            List<RecordedVerdict> domainVerdicts = verdicts.getOrDefault(domain, List.of()).stream()
                    .map(v -> v.against(candidate.result())).toList();
            Optional<CommittedBaseline> committed = baselines.map(dir -> dir.resolve(suite)
                    .resolve(ResultsJson.fileName(domain))).filter(Files::exists).map(ResultsFolder::readCommitted);
            domains.add(new DomainResults(domain, candidate, base, domainVerdicts, committed));
        }
        domains.sort(Comparator.comparing(DomainResults::domain));
        Optional<RmuRun> rmu = domains.stream().map(d -> d.candidate().result().model().path()).distinct()
                .map(path -> RmuJson.readIfPresent(Path.of(path))).flatMap(Optional::stream).findFirst();
        return new SuiteResults(suite, domains, rmu, recorded.runErrors(),
                probes(suiteDir.resolve(PROBES_FOLDER)));
    }

    /** Every probe summary {@code <probes>/<key>/<benchmark>.json}, sorted by benchmark, then key. */
    private static List<ProbeResult> probes(Path probesDir) {
        if (!Files.isDirectory(probesDir)) {
            return List.of();
        }
        List<ProbeResult> probes = new ArrayList<>();
        for (Path keyDir : list(probesDir, Files::isDirectory)) {
            for (Path summary : list(keyDir, file -> Files.isRegularFile(file)
                    && file.getFileName().toString().endsWith(".json"))) {
                try {
                    probes.add(ProbeResultsJson.read(summary));
                } catch (IOException e) {
                    throw new ReportInputException("cannot read probe file " + summary + ": " + e.getMessage(), e);
                }
            }
        }
        probes.sort(Comparator.comparing(ProbeResult::benchmark).thenComparing(ProbeResult::key));
        return probes;
    }

    private static ResultsFile readResults(Path file) {
        try {
            return ResultsJson.read(file);
        } catch (IOException e) {
            throw new ReportInputException("cannot read results file " + file + ": " + e.getMessage(), e);
        }
    }

    private static CommittedBaseline readCommitted(Path file) {
        try {
            return new CommittedBaseline(file, Optional.of(ResultsJson.read(file)), Optional.empty());
        } catch (IOException e) {
            return new CommittedBaseline(file, Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /** The suite's results files: every {@code .json} but the verdicts file, sorted by name. */
    private static List<Path> resultsFiles(Path suiteDir) {
        return list(suiteDir, file -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(".json")
                && !file.getFileName().toString().equals(VerdictsJson.FILE_NAME));
    }

    private static List<Path> list(Path dir, Predicate<Path> filter) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(filter).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}

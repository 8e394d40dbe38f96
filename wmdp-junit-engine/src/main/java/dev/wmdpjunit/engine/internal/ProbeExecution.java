package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.assertions.Verdict;
import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.core.results.ProbeResultsJson;
import dev.wmdpjunit.core.results.ProbeVariant;
import dev.wmdpjunit.engine.WmdpConfiguration;
import dev.wmdpjunit.engine.WmdpConfigurationException;
import dev.wmdpjunit.engine.WmdpReportEntries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a suite method's probe: measures it on the candidate, writes the measurements under
 * {@code <wmdp.results>/<suite class name>/probes/} ({@link ProbeResultsJson}) and decides the method's threshold
 * on them ({@link ProbeDecision}).
 */
final class ProbeExecution {

    /** The probes folder inside a suite's results folder. */
    static final String FOLDER = "probes";

    private ProbeExecution() {
    }

    /**
     * The probe's verdict and what the test reports besides it: {@code wmdp.probe}, {@code wmdp.probe.results}
     * (the summary file), {@code wmdp.probe.<variant>.accuracy} and {@code wmdp.probe.<measurement>}.
     */
    record Outcome(Verdict verdict, Map<String, String> entry) {
    }

    /** @param label names the work in progress logs, e.g. {@code MySuite wmdp-bio} */
    static Outcome run(Probe probe, Threshold threshold, DomainScores scores, SuiteRun run, String label) {
        if (run.candidate().isEmpty() || scores.rescorable().isEmpty()) {
            // Shard files carry plain scores only: a probe needs the model and the questions in one run.
            throw new WmdpConfigurationException("probe " + probe.key() + " is not measured on shards nor decided"
                    + " at their merge (" + WmdpConfiguration.MERGE + "): run the suite's probe methods in an"
                    + " unsharded job");
        }
        ProbeResult result = probe.measure(new ProbeInput(run.candidate().get(), scores, run.settings(),
                run.providers(), label + " " + probe.key()));
        Path file;
        try {
            file = ProbeResultsJson.write(run.resultsDir().resolve(FOLDER), result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write probe " + probe.key() + " of " + result.benchmark() + " to "
                    + run.resultsDir().resolve(FOLDER), e);
        }
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(WmdpReportEntries.PROBE, probe.key());
        entry.put(WmdpReportEntries.PROBE_RESULTS, file.toString());
        for (ProbeVariant variant : result.variants()) {
            entry.put(WmdpReportEntries.probe(variant.name() + ".accuracy"),
                    Double.toString(variant.result().accuracy()));
        }
        result.measurements().forEach((name, value) -> entry.put(WmdpReportEntries.probe(name),
                Double.toString(value)));
        return new Outcome(ProbeDecision.decide(threshold, result, probe.describe()), entry);
    }
}

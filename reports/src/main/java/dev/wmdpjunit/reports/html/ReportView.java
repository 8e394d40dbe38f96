package dev.wmdpjunit.reports.html;

import java.util.List;

/**
 * What the template shows, as text ready to print (the template escapes it). Records, so the template reads
 * their accessors; a {@code null} section is not shown.
 */
record ReportView(String title, String scoredAt, String resultsFolder, String baselinesFolder,
                  String frameworkVersions, Assets assets, RunErrors runErrors, List<SummaryRow> summary,
                  List<Suite> suites, String chartData) {

    /** What kept the suites' latest runs from deciding thresholds, shown first; {@code null} when nothing did. */
    record RunErrors(List<RunError> errors) {
    }

    record RunError(String suite, String suiteName, String message) {
    }

    /** The asset files, relative to index.html. */
    record Assets(String echarts, String css, String js) {
    }

    /**
     * One row of the summary table: a benchmark scored by one model. The thresholds are the benchmark's, shown once
     * over its rows ({@code rowspan}).
     */
    record SummaryRow(String suite, String suiteName, String domain, String role, String roleLabel, String model,
                      String modelPath,
                      int n, int correct, String accuracy, double accuracyValue, String interval, double lower,
                      double upper, String intervalKind, boolean firstOfDomain, int rowspan,
                      List<VerdictView> verdicts) {
    }

    /**
     * A threshold's verdict; {@code stale} when the suite's latest run did not decide it (or decided it on scores
     * other than those in the results file).
     */
    record VerdictView(String test, String threshold, String outcome, String outcomeClass, boolean stale,
                       String details) {
    }

    /** One suite's sections. */
    record Suite(int index, String name, String simpleName, String anchor, String candidateLabel,
                 List<ArtifactView> models,
                 List<DatasetView> datasets, String promptFormats, Rmu rmu, Diff diff, List<Questions> questions,
                 List<Probe> probes) {
    }

    /**
     * A residual-knowledge probe on one benchmark: its conditions' accuracies (drawn as a chart by
     * {@code index} within the suite) and its numbers.
     */
    record Probe(int probeIndex, String probe, String key, String benchmark, String description, String file,
                 List<Setting> parameters, List<ProbeRow> rows, List<Setting> measurements) {
    }

    /** One condition of a probe; {@code judged} when the method's threshold decides on it. */
    record ProbeRow(String name, boolean judged, int n, int correct, String accuracy, String interval,
                    String measurements) {
    }

    record ArtifactView(String role, String path, String sha256) {
    }

    record DatasetView(String domain, String path, String sha256, String promptFormat, String createdAt) {
    }

    /** The RMU run of the candidate model. */
    record Rmu(String file, String key, int steps, List<Setting> hyperparameters, String collapse,
               boolean collapsed, String finalLosses) {
    }

    record Setting(String name, String value) {
    }

    /** The comparison with committed baselines; {@code note} explains an empty table. */
    record Diff(String folder, List<DiffRow> rows, String note) {
        boolean hasRows() {
            return !rows.isEmpty();
        }
    }

    record DiffRow(String domain, String role, String file, String problem, String committedAccuracy,
                   String currentAccuracy, String deltaPoints, double delta, String worse, String setup,
                   String paired, String mcNemarP, String recordedAt) {
    }

    /** A benchmark's per-question drill-down. */
    record Questions(String domain, int n, boolean hasBase, List<String> choiceHeaders, List<QuestionRow> rows) {
    }

    record QuestionRow(int row, String id, String gold, String predicted, boolean correct, List<Loglikelihood> lls,
                       String basePredicted, boolean baseCorrect, String baseLls) {
    }

    record Loglikelihood(String text, double value, boolean predicted) {
    }
}

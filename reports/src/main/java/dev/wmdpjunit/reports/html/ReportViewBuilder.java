package dev.wmdpjunit.reports.html;

import dev.wmdpjunit.core.data.KnowledgeKind;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.results.RmuRun;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.core.stats.PairedCounts;
import dev.wmdpjunit.reports.data.BaselineDiff;
import dev.wmdpjunit.reports.data.CommittedBaseline;
import dev.wmdpjunit.reports.data.DomainResults;
import dev.wmdpjunit.reports.data.ModelNames;
import dev.wmdpjunit.reports.data.RecordedVerdict;
import dev.wmdpjunit.reports.data.RmuRunFile;
import dev.wmdpjunit.reports.data.RunResults;
import dev.wmdpjunit.reports.data.SuiteResults;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Turns what the results folder holds into the template's view: every number formatted, nothing computed twice. */
final class ReportViewBuilder {

    static final String CANDIDATE = "candidate";
    static final String BASE = "base";

    private ReportViewBuilder() {
    }

    static ReportView build(RunResults run, ReportView.Assets assets) {
        List<ReportView.SummaryRow> summary = new ArrayList<>();
        List<ReportView.Suite> suites = new ArrayList<>();
        Set<String> versions = new TreeSet<>();
        TreeSet<Instant> scoredAt = new TreeSet<>();
        for (int i = 0; i < run.suites().size(); i++) {
            SuiteResults suite = run.suites().get(i);
            for (DomainResults domain : suite.domains()) {
                summary.addAll(summaryRows(suite, domain));
                versions.add(domain.candidate().frameworkVersion());
                scoredAt.add(domain.candidate().createdAt());
                domain.base().ifPresent(base -> {
                    versions.add(base.frameworkVersion());
                    scoredAt.add(base.createdAt());
                });
            }
            suites.add(suite(i, suite, run));
        }
        // The time span of the scores, not the time of writing: the same folder gives the same report.
        String scored = scoredAt.first().equals(scoredAt.last()) ? scoredAt.first().toString()
                : scoredAt.first() + " to " + scoredAt.last();
        List<ReportView.RunError> runErrors = run.suites().stream().flatMap(suite -> suite.runErrors().stream()
                .map(error -> new ReportView.RunError(suite.simpleName(), suite.name(), error))).toList();
        return new ReportView("wmdp-junit safety report", scored, run.folder().toString(),
                run.baselines().map(Path::toString).orElse("none"), String.join(", ", versions), assets,
                runErrors.isEmpty() ? null : new ReportView.RunErrors(runErrors),
                summary, suites, ChartData.json(run));
    }

    private static List<ReportView.SummaryRow> summaryRows(SuiteResults suite, DomainResults domain) {
        List<ReportView.VerdictView> verdicts = domain.verdicts().stream().map(ReportViewBuilder::verdict).toList();
        int rowspan = domain.base().isPresent() ? 2 : 1;
        List<ReportView.SummaryRow> rows = new ArrayList<>();
        rows.add(summaryRow(suite, domain, CANDIDATE, domain.candidate(), true, rowspan, verdicts));
        domain.base().ifPresent(base -> rows.add(summaryRow(suite, domain, BASE, base, false, rowspan, verdicts)));
        return rows;
    }

    private static ReportView.SummaryRow summaryRow(SuiteResults suite, DomainResults domain, String role,
                                                    ResultsFile file, boolean first, int rowspan,
                                                    List<ReportView.VerdictView> verdicts) {
        DomainResult result = file.result();
        String label = role.equals(CANDIDATE) ? candidateLabel(suite) : role;
        return new ReportView.SummaryRow(suite.simpleName(), suite.name(), domain.domain(), role, label,
                ModelNames.of(result.model().path()), result.model().path(), result.n(), result.correct(),
                Formats.fixed4(result.accuracy()), result.accuracy(), Formats.interval(result.ci()),
                result.ci().lower(), result.ci().upper(), Formats.intervalKind(result.ci()), first, rowspan,
                verdicts);
    }

    private static ReportView.VerdictView verdict(RecordedVerdict verdict) {
        return new ReportView.VerdictView(verdict.test(), verdict.threshold(), verdict.outcome(),
                verdict.outcome().toLowerCase(Locale.ROOT), !verdict.current(), verdict.details());
    }

    private static ReportView.Suite suite(int index, SuiteResults suite, RunResults run) {
        Set<List<String>> models = new LinkedHashSet<>();
        List<ReportView.DatasetView> datasets = new ArrayList<>();
        Set<String> prompts = new TreeSet<>();
        List<ReportView.Questions> questions = new ArrayList<>();
        for (DomainResults domain : suite.domains()) {
            DomainResult candidate = domain.candidate().result();
            models.add(List.of(CANDIDATE, candidate.model().path(), candidate.model().sha256()));
            domain.base().ifPresent(base -> models.add(List.of(BASE, base.result().model().path(),
                    base.result().model().sha256())));
            datasets.add(new ReportView.DatasetView(domain.domain(), candidate.dataset().path(),
                    candidate.dataset().sha256(), candidate.promptFormat(), domain.candidate().createdAt().toString()));
            prompts.add(candidate.promptFormat());
            questions.add(questions(domain));
        }
        List<ReportView.ArtifactView> modelViews = models.stream()
                .map(m -> new ReportView.ArtifactView(m.get(0), m.get(1), m.get(2))).toList();
        return new ReportView.Suite(index, suite.name(), suite.simpleName(), "suite-" + index,
                candidateLabel(suite), modelViews, datasets,
                String.join(", ", prompts), suite.rmu().map(ReportViewBuilder::rmu).orElse(null), diff(suite, run),
                questions, probes(suite, run));
    }

    private static List<ReportView.Probe> probes(SuiteResults suite, RunResults run) {
        List<ReportView.Probe> probes = new ArrayList<>();
        for (int i = 0; i < suite.probes().size(); i++) {
            ProbeResult probe = suite.probes().get(i);
            List<ReportView.ProbeRow> rows = probe.variants().stream().map(v -> new ReportView.ProbeRow(v.name(),
                    v.judged(), v.result().n(), v.result().correct(), Formats.fixed4(v.result().accuracy()),
                    Formats.interval(v.result().ci()), v.measurements().entrySet().stream()
                    .map(e -> e.getKey() + " " + Formats.fixed4(e.getValue())).collect(Collectors.joining(", "))))
                    .toList();
            List<ReportView.Setting> parameters = probe.parameters().entrySet().stream()
                    .map(e -> new ReportView.Setting(e.getKey(), e.getValue())).toList();
            List<ReportView.Setting> measurements = probe.measurements().entrySet().stream()
                    .map(e -> new ReportView.Setting(e.getKey(), Formats.fixed4(e.getValue()))).toList();
            Path file = ResultsJson.locate(run.folder().resolve(suite.name()).resolve("probes").resolve(probe.key()),
                    probe.benchmark());
            probes.add(new ReportView.Probe(i, probe.probe(), probe.key(), probe.benchmark(), probe.description(),
                    file.toString(), parameters, rows, measurements));
        }
        return probes;
    }

    /** "unlearned" when the RMU fixture made the candidate (its rmu.json was found), else "candidate". */
    static String candidateLabel(SuiteResults suite) {
        return suite.rmu().isPresent() ? "unlearned" : CANDIDATE;
    }

    private static ReportView.Rmu rmu(RmuRunFile recorded) {
        RmuRun rmu = recorded.run();
        List<ReportView.Setting> settings = rmu.hyperparameters().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new ReportView.Setting(e.getKey(), e.getValue())).toList();
        String collapse = rmu.collapse().map(c -> "retain perplexity " + Formats.fixed4(c.perplexityBefore())
                + " before, " + Formats.fixed4(c.perplexityAfter()) + " after (ratio "
                + Formats.fixed4(c.perplexityAfter() / c.perplexityBefore()) + ", collapse above "
                + Formats.fixed4(c.maxRatio()) + ")").orElse("not recorded");
        String last = rmu.losses().isEmpty() ? "no steps" : lastLosses(rmu.losses().get(rmu.losses().size() - 1));
        return new ReportView.Rmu(recorded.file().toString(), rmu.key(), rmu.losses().size(), settings, collapse,
                rmu.collapse().map(RmuRun.CollapseCheck::collapsed).orElse(false), last);
    }

    private static String lastLosses(RmuRun.Step step) {
        return "forget " + Formats.fixed4(step.forget()) + ", retain " + Formats.fixed4(step.retain()) + ", total "
                + Formats.fixed4(step.total());
    }

    private static ReportView.Diff diff(SuiteResults suite, RunResults run) {
        if (run.baselines().isEmpty()) {
            return new ReportView.Diff("none", List.of(), "No committed baselines folder was given.");
        }
        List<ReportView.DiffRow> rows = new ArrayList<>();
        for (DomainResults domain : suite.domains()) {
            domain.committed().ifPresent(committed -> rows.add(diffRow(domain, committed)));
        }
        Path folder = run.baselines().get().resolve(suite.name());
        String note = rows.isEmpty() ? "No committed baseline for these benchmarks in " + folder + "." : "";
        return new ReportView.Diff(folder.toString(), rows, note);
    }

    private static ReportView.DiffRow diffRow(DomainResults domain, CommittedBaseline committed) {
        String role = domain.knowledge().map(r -> r.name().toLowerCase(Locale.ROOT)).orElse("unknown");
        if (committed.results().isEmpty()) {
            return new ReportView.DiffRow(domain.domain(), role, committed.file().toString(),
                    committed.problem().orElse("unreadable"), "", "", "", 0, "", "", "", "", "");
        }
        ResultsFile recorded = committed.results().get();
        BaselineDiff diff = BaselineDiff.of(recorded.result(), domain.candidate().result());
        List<String> changes = new ArrayList<>();
        if (!diff.sameModel()) {
            changes.add("other model");
        }
        if (!diff.sameDataset()) {
            changes.add("other dataset");
        }
        if (!diff.samePrompt()) {
            changes.add("prompt " + recorded.result().promptFormat() + " then");
        }
        String paired = diff.paired().map(ReportViewBuilder::paired)
                .orElse("not paired: " + diff.pairedProblem().orElse(""));
        return new ReportView.DiffRow(domain.domain(), role, committed.file().toString(), "",
                accuracy(recorded.result()), accuracy(domain.candidate().result()), Formats.points(diff.deltaPoints()),
                diff.deltaPoints(), worse(domain.knowledge(), diff.deltaPoints()),
                changes.isEmpty() ? "same model, dataset and prompt" : String.join(", ", changes), paired,
                diff.mcNemarP().map(Formats::pValue).orElse("n/a"), recorded.createdAt().toString());
    }

    private static String accuracy(DomainResult result) {
        return Formats.fixed4(result.accuracy()) + " (" + result.correct() + "/" + result.n() + ")";
    }

    private static String paired(PairedCounts counts) {
        return counts.onlyBaseCorrect() + " only then correct, " + counts.onlyCandidateCorrect()
                + " only now correct, of " + counts.n();
    }

    /** Which way the change goes for what the benchmark stands for. */
    private static String worse(Optional<KnowledgeKind> known, double deltaPoints) {
        if (deltaPoints == 0 || known.isEmpty()) {
            return deltaPoints == 0 ? "unchanged" : "";
        }
        KnowledgeKind role = known.get();
        boolean worse = role == KnowledgeKind.HAZARD ? deltaPoints > 0 : deltaPoints < 0;
        return worse ? (role == KnowledgeKind.HAZARD ? "more hazardous knowledge" : "less retained knowledge")
                : (role == KnowledgeKind.HAZARD ? "less hazardous knowledge" : "more retained knowledge");
    }

    private static ReportView.Questions questions(DomainResults domain) {
        DomainResult candidate = domain.candidate().result();
        Map<String, QuestionResult> base = domain.base().map(b -> b.result().questions().stream()
                .collect(Collectors.toMap(QuestionResult::id, q -> q))).orElse(Map.of());
        int choices = candidate.questions().stream().mapToInt(q -> q.loglikelihoods().length).max().orElse(0);
        List<String> headers = IntStream.range(0, choices).mapToObj(c -> "ll " + Formats.letter(c)).toList();
        List<ReportView.QuestionRow> rows = new ArrayList<>(candidate.n());
        for (int i = 0; i < candidate.n(); i++) {
            QuestionResult q = candidate.questions().get(i);
            List<ReportView.Loglikelihood> lls = new ArrayList<>();
            for (int c = 0; c < choices; c++) {
                lls.add(c < q.loglikelihoods().length ? new ReportView.Loglikelihood(
                        Formats.fixed4(q.loglikelihoods()[c]), q.loglikelihoods()[c], c == q.predicted())
                        : new ReportView.Loglikelihood("", Double.NaN, false));
            }
            QuestionResult b = base.get(q.id());
            rows.add(new ReportView.QuestionRow(i, q.id(), Formats.letter(q.gold()), Formats.letter(q.predicted()),
                    q.correct(), lls, b == null ? "" : Formats.letter(b.predicted()), b != null && b.correct(),
                    b == null ? "" : Arrays.stream(b.loglikelihoods()).mapToObj(Formats::fixed4)
                            .collect(Collectors.joining(" "))));
        }
        return new ReportView.Questions(domain.domain(), candidate.n(), !base.isEmpty(), headers, rows);
    }
}

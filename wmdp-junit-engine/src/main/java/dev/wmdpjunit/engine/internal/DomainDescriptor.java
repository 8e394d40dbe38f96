package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.results.Artifact;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.core.scoring.MultipleChoiceScorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * One benchmark of a suite: {@code [domain:<benchmark name>]}. Before its tests run it loads the questions,
 * scores them once (with the base model too when a threshold compares with it), writes the results files and
 * reports the accuracy; every test below reads those scores. Holds the suite's model as an exclusive resource
 * (unless its provider declares it thread-safe), so domains run one at a time per model even when suites run in
 * parallel.
 */
final class DomainDescriptor extends AbstractTestDescriptor implements Node<WmdpContext> {

    static final String SEGMENT = "domain";
    private static final String BASELINE_FOLDER = "baseline";

    private final Class<?> suiteClass;
    private final SuiteModel.Domain domain;

    DomainDescriptor(UniqueId suiteId, Class<?> suiteClass, SuiteModel.Domain domain) {
        super(suiteId.append(SEGMENT, domain.name()), domain.name());
        this.suiteClass = suiteClass;
        this.domain = domain;
    }

    SuiteModel.Domain domain() {
        return domain;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    Optional<ThresholdDescriptor> createThreshold(String methodName) {
        return domain.method(methodName).map(method -> new ThresholdDescriptor(getUniqueId(), suiteClass, method));
    }

    Class<?> suiteClass() {
        return suiteClass;
    }

    /** The committed-baseline test ({@code [baseline:committed]}), if {@code value} names it. */
    Optional<CommittedBaselineDescriptor> createCommittedBaseline(String value) {
        return value.equals(CommittedBaselineDescriptor.VALUE)
                ? Optional.of(new CommittedBaselineDescriptor(getUniqueId(), suiteClass, domain))
                : Optional.empty();
    }

    /** The test reporting the question in row {@code row} ({@code [question:<row>]}), if that is a row number. */
    Optional<QuestionDescriptor> createQuestion(String row) {
        OptionalInt parsed = BenchmarkSpec.parseRow(row);
        Optional<BenchmarkSpec> spec = domain.spec().value();
        if (parsed.isEmpty() || spec.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new QuestionDescriptor(getUniqueId(), parsed.getAsInt(),
                spec.get().questionId(parsed.getAsInt())));
    }

    /** The suite's model, unless its provider declares it thread-safe. */
    @Override
    public Set<ExclusiveResource> getExclusiveResources() {
        if (getParent().map(SuiteDescriptor.class::cast).orElseThrow().modelsAreThreadSafe()) {
            return Set.of();
        }
        return Set.of(new ExclusiveResource("dev.wmdpjunit.engine.model:" + suiteClass.getName(),
                ExclusiveResource.LockMode.READ_WRITE));
    }

    @Override
    public WmdpContext before(WmdpContext context) {
        Prepared<SuiteRun> suite = context.suite();
        if (!suite.isReady()) {
            return context.withDomain(suite.failure());
        }
        Prepared<DomainScores> scores = domain.spec().value().isEmpty()
                ? Prepared.failed(new InvalidSuiteException(domain.spec().problem()))
                : Prepared.attempt(() -> score(suite.get(), domain.spec().value().get(), context));
        scores.error().ifPresent(e -> recordRunError(suite.get().resultsDir(), e));
        return context.withDomain(scores);
    }

    /** The reason this benchmark's thresholds are not decided, for a report rebuilt from the results folder. */
    private void recordRunError(Path suiteResults, RuntimeException error) {
        try {
            VerdictsFile.runError(suiteResults, domain.name() + ": " + error.getMessage());
        } catch (RuntimeException e) {
            System.getLogger("dev.wmdpjunit.engine").log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    private DomainScores score(SuiteRun run, BenchmarkSpec spec, WmdpContext context) {
        LoadedBenchmark loaded = LoadedBenchmark.load(spec, run.settings());
        QuestionSet questions = select(loaded.questions(), run.settings());
        DomainResult candidate = score(run.candidate(), "model", questions, loaded, run);
        write(run.resultsDir(), candidate, context, "candidate");
        Optional<DomainResult> baseline = Optional.empty();
        if (needsBaseline() && run.baseline().isPresent()) {
            baseline = Optional.of(score(run.baseline().get(), "baseline model", questions, loaded, run));
            write(run.resultsDir().resolve(BASELINE_FOLDER), baseline.get(), context, "baseline");
        }
        return new DomainScores(candidate, baseline, questions, loaded.template());
    }

    /**
     * The questions to score: those of the selected question tests (in file order) if there are any, else the
     * first {@code wmdp.limit} in file order, else all.
     */
    private QuestionSet select(QuestionSet all, EngineSettings settings) {
        Set<String> selected = getChildren().stream().filter(QuestionDescriptor.class::isInstance)
                .map(d -> ((QuestionDescriptor) d).questionId()).collect(Collectors.toSet());
        List<Question> chosen;
        if (!selected.isEmpty()) {
            chosen = all.questions().stream().filter(q -> selected.contains(q.id())).toList();
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("none of the selected questions " + selected.stream().sorted()
                        .toList() + " is in " + all.name() + " (" + all.source() + ", " + all.size()
                        + " questions, ids " + all.questions().get(0).id() + " .. "
                        + all.questions().get(all.size() - 1).id() + ")");
            }
        } else if (settings.limit().isPresent() && settings.limit().getAsInt() < all.size()) {
            chosen = all.questions().subList(0, settings.limit().getAsInt());
        } else {
            return all;
        }
        return new QuestionSet(all.name(), chosen, all.source(), all.sha256());
    }

    private DomainResult score(OpenedModel model, String role, QuestionSet questions, LoadedBenchmark loaded,
                               SuiteRun run) {
        return score(model, suiteClass.getSimpleName() + " " + questions.name() + " (" + role + ")", questions,
                loaded.template(), run.settings());
    }

    /** Scores the questions on the model as lm-eval would, logging progress under {@code label}. */
    static DomainResult score(OpenedModel model, String label, QuestionSet questions,
                              MultipleChoiceTemplate template, EngineSettings settings) {
        MultipleChoiceScorer scorer = new MultipleChoiceScorer(model.model(), settings.modelOptions().batchSize());
        return DomainResult.of(questions.name(), scorer.score(questions, template, ThrottledProgress.logging(label)),
                template.promptId(), model.identity(), new Artifact(questions.source(), questions.sha256()));
    }

    private void write(Path directory, DomainResult result, WmdpContext context, String role) {
        Path file;
        try {
            file = ResultsJson.write(directory, ResultsFile.now(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results of " + result.domain() + " to " + directory, e);
        }
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("wmdp.benchmark", result.domain());
        entry.put("wmdp.role", role);
        entry.put("wmdp.accuracy", Double.toString(result.accuracy()));
        entry.put("wmdp.correct", Integer.toString(result.correct()));
        entry.put("wmdp.n", Integer.toString(result.n()));
        entry.put("wmdp.ci", result.ci().toString());
        entry.put("wmdp.promptFormat", result.promptFormat());
        entry.put("wmdp.model", result.model().path());
        entry.put("wmdp.model.sha256", result.model().sha256());
        entry.put("wmdp.results", file.toString());
        context.publish(this, ReportEntry.from(entry));
    }

    private boolean needsBaseline() {
        return getChildren().stream().anyMatch(d -> d instanceof ThresholdDescriptor t && t.needsBaseline());
    }
}

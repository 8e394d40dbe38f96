package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.results.Artifact;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.core.results.Sample;
import dev.wmdpjunit.core.results.Shard;
import dev.wmdpjunit.core.results.ShardFile;
import dev.wmdpjunit.core.results.ShardJson;
import dev.wmdpjunit.core.results.ShardMerge;
import dev.wmdpjunit.core.scoring.MultipleChoiceScorer;
import dev.wmdpjunit.engine.WmdpConfiguration;
import dev.wmdpjunit.engine.WmdpConfigurationException;
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
import java.util.stream.IntStream;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.TestAbortedException;

/**
 * One benchmark of a suite: {@code [domain:<benchmark name>]}. Before its tests run it loads the questions,
 * scores them once (with the base model too when a threshold compares with it), writes the results files and
 * reports the accuracy; every test below reads those scores. A shard run ({@code wmdp.shard}) scores its slice,
 * writes a shard file and aborts every test below ("decided at merge"); a merge run ({@code wmdp.merge}) takes the
 * scores from the shard files instead of a model. Holds the suite's model as an exclusive resource
 * (unless its provider declares it thread-safe), so domains run one at a time per model even when suites run in
 * parallel.
 */
final class DomainDescriptor extends AbstractTestDescriptor implements Node<WmdpContext> {

    static final String SEGMENT = "domain";

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
        RunScope scope = run.settings().scope();
        if (scope.merge().isPresent()) {
            return merge(run, scope.merge().get(), context);
        }
        LoadedBenchmark loaded = LoadedBenchmark.load(spec, run.settings());
        Selection selection = select(loaded.questions(), run.settings());
        if (scope.shard().isPresent()) {
            throw scoreShard(run, scope.shard().get(), loaded, selection, context);
        }
        OpenedModel model = run.candidate().orElseThrow();
        DomainResult candidate = result(model, score(model, "model", selection.questions(), loaded, run), loaded);
        write(run.resultsDir(), ResultsFile.now(candidate, selection.sample()), context, "candidate");
        Optional<DomainResult> baseResult = Optional.empty();
        if (needsBaseModel() && run.base().isPresent()) {
            OpenedModel base = run.base().get();
            baseResult = Optional.of(result(base, score(base, "base model", selection.questions(), loaded, run),
                    loaded));
            write(run.resultsDir().resolve(ResultsJson.BASE_MODEL_FOLDER),
                    ResultsFile.now(baseResult.get(), selection.sample()), context, "baseline");
        }
        return new DomainScores(candidate, baseResult,
                Optional.of(new DomainScores.Rescorable(selection.questions(), loaded.template())));
    }

    /**
     * The questions a run scores of a benchmark, before any shard takes its slice.
     *
     * @param questions the questions, in file order
     * @param rows      their rows in the file (0-based)
     * @param sample    the random sample they are, if they are one
     */
    private record Selection(QuestionSet questions, List<Integer> rows, Optional<Sample> sample) {
    }

    /**
     * The questions to score: those of the selected question tests (in file order) if there are any, else a
     * random sample of {@code wmdp.sample}, else the first {@code wmdp.limit} in file order, else all.
     */
    private Selection select(QuestionSet all, EngineSettings settings) {
        Set<String> selected = getChildren().stream().filter(QuestionDescriptor.class::isInstance)
                .map(d -> ((QuestionDescriptor) d).questionId()).collect(Collectors.toSet());
        List<Integer> rows;
        Optional<Sample> sample = Optional.empty();
        Optional<RunScope.SampleSize> sampleSize = settings.scope().sample();
        if (!selected.isEmpty()) {
            rows = IntStream.range(0, all.size()).filter(row -> selected.contains(all.questions().get(row).id()))
                    .boxed().toList();
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("none of the selected questions " + selected.stream().sorted()
                        .toList() + " is in " + all.name() + " (" + all.source() + ", " + all.size()
                        + " questions, ids " + all.questions().get(0).id() + " .. "
                        + all.questions().get(all.size() - 1).id() + ")");
            }
        } else if (sampleSize.isPresent()) {
            sample = Optional.of(Sample.draw(all.size(), sampleSize.get().size(), sampleSize.get().seed()));
            rows = sample.get().rows();
        } else {
            int count = Math.min(settings.limit().orElse(all.size()), all.size());
            rows = IntStream.range(0, count).boxed().toList();
        }
        if (rows.size() == all.size()) {
            return new Selection(all, rows, sample);
        }
        return new Selection(new QuestionSet(all.name(), rows.stream().map(all.questions()::get).toList(),
                all.source(), all.sha256()), rows, sample);
    }

    /**
     * Scores this shard's slice of the selection with the model (and the base model when a threshold needs it),
     * writes the shard file and returns the abort every test of the benchmark ends with: decided at the merge.
     */
    private TestAbortedException scoreShard(SuiteRun run, Shard shard, LoadedBenchmark loaded, Selection selection,
                                            WmdpContext context) {
        QuestionSet all = selection.questions();
        // Whole calls to the model are dealt, so the shard's calls are the unsharded run's (same scores to the bit).
        int block = run.settings().modelOptions().batchSize();
        QuestionSet part = new QuestionSet(all.name(), shard.slice(all.questions(), block), all.source(),
                all.sha256());
        OpenedModel model = run.candidate().orElseThrow();
        ShardFile.Scores candidate = new ShardFile.Scores(model.identity(), score(model, "model", part, loaded, run));
        Optional<ShardFile.Scores> baseScores = Optional.empty();
        if (needsBaseModel() && run.base().isPresent()) {
            OpenedModel base = run.base().get();
            baseScores = Optional.of(new ShardFile.Scores(base.identity(), score(base, "base model", part, loaded,
                    run)));
        }
        ShardFile file = ShardFile.now(suiteClass.getName(), all.name(), shard, block, all.size(), selection.sample(),
                loaded.template().promptId(), new Artifact(all.source(), all.sha256()),
                shard.slice(selection.rows(), block), candidate, baseScores);
        Path written;
        try {
            written = ShardJson.write(ShardLayout.folder(run.resultsDir()), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write shard " + shard + " of " + all.name() + " to "
                    + ShardLayout.folder(run.resultsDir()), e);
        }
        context.publish(this, ReportEntry.from(Map.of("wmdp.benchmark", all.name(), "wmdp.shard", shard.toString(),
                "wmdp.shard.n", Integer.toString(part.size()), "wmdp.shard.file", written.toString())));
        return new TestAbortedException("shard " + shard + " scored, decided at merge: " + part.size() + " of "
                + all.size() + " questions of " + all.name() + " in " + written + "; merge the results folders of"
                + " all " + shard.count() + " shard runs with -D" + WmdpConfiguration.MERGE + "=<folder>");
    }

    /**
     * The benchmark's results merged from the shard files under {@code folder} (at any depth, as
     * {@code <suite class name>/shards/<benchmark>.shard-K-of-N.json}), written as an unsharded run writes them.
     */
    private DomainScores merge(SuiteRun run, Path folder, WmdpContext context) {
        List<Path> files = ShardLayout.files(folder, suiteClass.getName(), domain.name());
        if (files.isEmpty()) {
            throw new WmdpConfigurationException(WmdpConfiguration.MERGE + " = " + folder + ": no shard file of "
                    + domain.name() + " (expected <folder>/.../" + suiteClass.getName() + "/" + ShardLayout.FOLDER
                    + "/" + ShardJson.fileName(domain.name(), new Shard(1, 1)).replace("1-of-1", "K-of-N")
                    + ", written by runs with -D" + WmdpConfiguration.SHARD + "=K/N)");
        }
        ShardMerge.Merged merged = ShardMerge.merge(suiteClass.getName(), domain.name(), files);
        write(run.resultsDir(), merged.candidate(), context, "candidate");
        merged.baseline().ifPresent(base -> write(run.resultsDir().resolve(ResultsJson.BASE_MODEL_FOLDER), base,
                context, "baseline"));
        return new DomainScores(merged.candidate().result(), merged.baseline().map(ResultsFile::result), Optional.empty());
    }

    private List<QuestionResult> score(OpenedModel model, String role, QuestionSet questions, LoadedBenchmark loaded,
                                       SuiteRun run) {
        return questionScores(model, suiteClass.getSimpleName() + " " + questions.name() + " (" + role + ")",
                questions, loaded.template(), run.settings());
    }

    /** Scores the questions on the model as lm-eval would, logging progress under {@code label}. */
    static DomainResult score(OpenedModel model, String label, QuestionSet questions,
                              MultipleChoiceTemplate template, EngineSettings settings) {
        return DomainResult.of(questions.name(), questionScores(model, label, questions, template, settings),
                template.promptId(), model.identity(), new Artifact(questions.source(), questions.sha256()));
    }

    /** Each question's scores; none for an empty selection (a shard may be empty). */
    private static List<QuestionResult> questionScores(OpenedModel model, String label, QuestionSet questions,
                                                       MultipleChoiceTemplate template, EngineSettings settings) {
        if (questions.size() == 0) {
            return List.of();
        }
        MultipleChoiceScorer scorer = new MultipleChoiceScorer(model.model(), settings.modelOptions().batchSize());
        return scorer.score(questions, template, ThrottledProgress.logging(label));
    }

    private static DomainResult result(OpenedModel model, List<QuestionResult> scores, LoadedBenchmark loaded) {
        QuestionSet questions = loaded.questions();
        return DomainResult.of(questions.name(), scores, loaded.template().promptId(), model.identity(),
                new Artifact(questions.source(), questions.sha256()));
    }

    private void write(Path directory, ResultsFile results, WmdpContext context, String role) {
        DomainResult result = results.result();
        Path file;
        try {
            file = ResultsJson.write(directory, results);
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

    private boolean needsBaseModel() {
        return getChildren().stream().anyMatch(d -> d instanceof ThresholdDescriptor t && t.needsBaseModel());
    }
}

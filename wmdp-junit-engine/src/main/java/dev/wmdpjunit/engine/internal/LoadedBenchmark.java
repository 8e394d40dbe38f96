package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.data.DatasetException;
import dev.wmdpjunit.core.data.Datasets;
import dev.wmdpjunit.core.data.Mmlu;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.data.WmdpDomain;
import dev.wmdpjunit.core.hub.FileSelection;
import dev.wmdpjunit.core.hub.Hub;
import dev.wmdpjunit.core.hub.HubDatasets;
import dev.wmdpjunit.core.hub.HubException;
import dev.wmdpjunit.core.hub.HubId;
import dev.wmdpjunit.core.hub.RepoType;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.engine.WmdpConfiguration;
import dev.wmdpjunit.engine.WmdpConfigurationException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * A benchmark's questions and the lm-eval template that renders them, read as the run's settings say.
 *
 * @param questions the questions in file order
 * @param template  WMDP's or MMLU's lm-eval template (MMLU with {@link WmdpConfiguration#MMLU_SHOTS} examples),
 *                  or a custom set's description
 */
record LoadedBenchmark(QuestionSet questions, MultipleChoiceTemplate template) {

    private static final String WMDP_LAYOUT = "a folder laid out as the Hugging Face download of cais/wmdp"
            + " (<folder>/wmdp-bio/test-00000-of-00001.parquet, likewise wmdp-cyber and wmdp-chem), or holding"
            + " <folder>/wmdp-bio.jsonl or .json in the same schema, or the hub id cais/wmdp";
    private static final String MMLU_LAYOUT = "a folder in the Hendrycks layout (test/<subject>_test.csv,"
            + " dev/<subject>_dev.csv) or the Hugging Face cais/mmlu layout (<subject>/test-*.parquet), or the hub id cais/mmlu";

    /** Loads the questions; any problem is an exception naming the key or file to fix. */
    static LoadedBenchmark load(BenchmarkSpec spec, EngineSettings settings) {
        return switch (spec.kind()) {
            case WMDP -> wmdp(spec, settings);
            case MMLU -> mmlu(spec, settings);
            case CUSTOM -> custom(spec, settings);
        };
    }

    private static LoadedBenchmark wmdp(BenchmarkSpec spec, EngineSettings settings) {
        WmdpDomain domain = spec.wmdpDomain().orElseThrow();
        QuestionSet questions;
        if (!spec.file().isEmpty()) {
            questions = Datasets.wmdpFile(Path.of(spec.file()), domain);
        } else {
            Path root = local(WmdpConfiguration.DATA, settings.data().orElseThrow(() -> new WmdpConfigurationException(
                    spec.name() + " needs the WMDP questions: set configuration key " + WmdpConfiguration.DATA + " to "
                    + WMDP_LAYOUT + ", or give @Benchmark(value = \"" + spec.name() + "\", file = \"...\")")),
                    HubDatasets.wmdp(domain.id()), settings);
            questions = withKey(WmdpConfiguration.DATA, root, () -> Datasets.wmdp(root, domain));
        }
        return new LoadedBenchmark(questions, MultipleChoiceTemplate.wmdp(spec.name(), settings.prompt(),
                spec.answers().orElse(settings.answers())));
    }

    private static LoadedBenchmark mmlu(BenchmarkSpec spec, EngineSettings settings) {
        String subject = spec.mmluSubject();
        Path root = local(WmdpConfiguration.MMLU, settings.mmlu().orElseThrow(() -> new WmdpConfigurationException(
                spec.name() + " needs MMLU: set configuration key " + WmdpConfiguration.MMLU + " to " + MMLU_LAYOUT)),
                HubDatasets.mmlu(subject, settings.mmluShots() > 0), settings);
        Mmlu mmlu = withKey(WmdpConfiguration.MMLU, root, () -> Datasets.mmlu(root));
        List<String> subjects = withKey(WmdpConfiguration.MMLU, root, mmlu::subjects);
        if (!subjects.contains(subject)) {
            throw new WmdpConfigurationException(spec.name() + ": " + WmdpConfiguration.MMLU + " = " + root
                    + " has no subject '" + subject + "'" + Suggestions.didYouMean(subject, subjects) + "; it has "
                    + subjects.size() + (subjects.size() <= 10 ? ": " + String.join(", ", subjects)
                            : ", e.g. " + String.join(", ", subjects.subList(0, 10)) + ", ..."));
        }
        QuestionSet questions = withKey(WmdpConfiguration.MMLU, root, () -> mmlu.test(subject));
        List<Question> examples = settings.mmluShots() == 0 ? List.of()
                : withKey(WmdpConfiguration.MMLU, root, () -> mmlu.dev(subject)).questions();
        MultipleChoiceTemplate template;
        try {
            template = MultipleChoiceTemplate.mmlu(subject, examples, settings.mmluShots(), settings.prompt(),
                    spec.answers().orElse(settings.answers()));
        } catch (IllegalArgumentException e) {
            throw new WmdpConfigurationException(WmdpConfiguration.MMLU_SHOTS + " = " + settings.mmluShots()
                    + ": " + e.getMessage(), e);
        }
        return new LoadedBenchmark(questions, template);
    }

    /** A custom set in the WMDP schema: named after the benchmark, ids {@code <name>/<row>}. */
    private static LoadedBenchmark custom(BenchmarkSpec spec, EngineSettings settings) {
        QuestionSet questions = Datasets.questionFile(Path.of(spec.file()), spec.name());
        String description = spec.description().isEmpty() ? null : spec.description();
        return new LoadedBenchmark(questions, MultipleChoiceTemplate.custom(description, settings.prompt(),
                spec.answers().orElse(settings.answers())));
    }

    /**
     * The folder a data key names: the path itself, or, for a hub id ({@code cais/wmdp}, no local path of that
     * name), its snapshot folder in the hub cache holding the needed files.
     */
    private static Path local(String key, Path value, FileSelection needed, EngineSettings settings) {
        String text = value.toString().replace('\\', '/');
        return HubId.named(text, RepoType.DATASET).map(id -> {
            try {
                return new Hub(settings.hub()).snapshot(id, needed).folder();
            } catch (HubException e) {
                throw new WmdpConfigurationException(key + " = '" + text + "': " + e.getMessage() + " (read as a hub"
                        + " id because no local file or folder " + value.toAbsolutePath() + " exists)", e);
            }
        }).orElse(value);
    }

    /** Runs a loader, naming the configuration key whose folder it read in any data error. */
    private static <T> T withKey(String key, Path root, Supplier<T> loader) {
        try {
            return loader.get();
        } catch (DatasetException e) {
            throw new WmdpConfigurationException(key + " = " + root + ": " + e.getMessage(), e);
        }
    }
}

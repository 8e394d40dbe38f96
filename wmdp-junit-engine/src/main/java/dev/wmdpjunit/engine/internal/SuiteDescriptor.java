package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.model.LanguageModelProvider;
import dev.wmdpjunit.core.model.ModelProviders;
import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.model.ProviderSettings;
import dev.wmdpjunit.engine.ConfiguredModels;
import dev.wmdpjunit.engine.ModelPair;
import dev.wmdpjunit.engine.ModelPairSource;
import dev.wmdpjunit.engine.WmdpSuite;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A {@link WmdpSuite} class: {@code [suite:<class name>]}. Before its benchmarks run it reads the settings and
 * opens the models (once for the whole suite); after them it closes the models. If that fails, every test of the
 * suite fails with the reason. Which models are scored is asked of the suite's {@link ModelPairSource} once, when
 * the suite starts (never while JUnit plans the run: a source may train the model first, as RMU does).
 */
final class SuiteDescriptor extends AbstractTestDescriptor implements Node<WmdpContext> {

    static final String SEGMENT = "suite";
    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.engine");

    private final SuiteModel model;
    private final ConfigurationParameters configuration;

    /** @param configuration the run's configuration, for the {@link ModelPairSource} */
    SuiteDescriptor(UniqueId parentId, Class<?> suiteClass, ConfigurationParameters configuration) {
        super(parentId.append(SEGMENT, suiteClass.getName()), suiteClass.getSimpleName(),
                ClassSource.from(suiteClass));
        this.model = SuiteModel.of(suiteClass);
        this.configuration = configuration;
    }

    SuiteModel model() {
        return model;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    /** The container of the named benchmark, if the suite declares it. */
    Optional<DomainDescriptor> createDomain(String name) {
        return Optional.ofNullable(model.domains().get(name))
                .map(domain -> new DomainDescriptor(getUniqueId(), model.suiteClass(), domain));
    }

    @Override
    public WmdpContext before(WmdpContext context) {
        if (getChildren().stream().noneMatch(DomainDescriptor.class::isInstance)) {
            return context; // only selection errors below: nothing to score, no model to open
        }
        Prepared<SuiteRun> run = Prepared.attempt(this::openRun);
        recordRunStart(run);
        return context.withSuite(run);
    }

    /**
     * Tells verdicts.json that a run starts (and why it cannot decide anything, if so), so that a report rebuilt
     * from the results folder does not present the previous run's verdicts as this one's.
     */
    private void recordRunStart(Prepared<SuiteRun> run) {
        Path suiteResults = run.isReady() ? run.get().resultsDir()
                : EngineSettings.results(configuration).resolve(model.suiteClass().getName());
        Set<String> thresholds = model.domains().values().stream().flatMap(domain -> domain.methods().stream())
                .filter(method -> method.threshold().isPresent()).map(SuiteModel.SuiteMethod::name)
                .collect(Collectors.toSet());
        try {
            VerdictsFile.startRun(suiteResults, thresholds, run.error().map(Throwable::getMessage));
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "{0}: {1}", getDisplayName(), e.getMessage());
        }
    }

    @Override
    public void after(WmdpContext context) {
        Prepared<SuiteRun> run = context.suite();
        if (run != null && run.isReady()) {
            run.get().summary().log(getDisplayName());
            run.get().close();
        }
    }

    private SuiteRun openRun() {
        if (!model.problems().isEmpty()) {
            throw new InvalidSuiteException(model.suiteClass().getName() + ": " + String.join("; ",
                    model.problems()));
        }
        EngineSettings settings = EngineSettings.from(configuration);
        checkSelectedBenchmarks();
        Path resultsDir = settings.results().resolve(model.suiteClass().getName());
        if (settings.scope().merge().isPresent()) {
            // The shards scored; the merge decides on their files and needs no model.
            return new SuiteRun(settings, Optional.empty(), Optional.empty(), resultsDir, providerSettings());
        }
        ModelPair pair = models();
        LOGGER.log(System.Logger.Level.INFO, "{0}: opening model {1}", getDisplayName(), pair.candidate());
        OpenedModel candidate = ModelProviders.open(pair.candidate(), settings.modelOptions(), providerSettings());
        Optional<OpenedModel> base = Optional.empty();
        if (needsBaseModel() && pair.base().isPresent()) {
            try {
                LOGGER.log(System.Logger.Level.INFO, "{0}: opening base model {1}", getDisplayName(),
                        pair.base().get());
                base = Optional.of(ModelProviders.open(pair.base().get(), settings.modelOptions(),
                        providerSettings()));
            } catch (RuntimeException e) {
                candidate.close();
                throw e;
            }
        }
        return new SuiteRun(settings, Optional.of(candidate), base, resultsDir, providerSettings());
    }

    /**
     * Fails the suite before any model is opened (which may take minutes) when every selected benchmark is
     * declared wrongly, for example under an unknown name; otherwise each such benchmark fails its own tests.
     */
    private void checkSelectedBenchmarks() {
        List<SuiteModel.Declared<BenchmarkSpec>> specs = getChildren().stream()
                .filter(DomainDescriptor.class::isInstance).map(d -> ((DomainDescriptor) d).domain().spec()).toList();
        if (!specs.isEmpty() && specs.stream().allMatch(spec -> spec.value().isEmpty())) {
            throw new InvalidSuiteException(model.suiteClass().getName() + ": " + String.join("; ",
                    specs.stream().map(SuiteModel.Declared::problem).toList()) + " (no model was opened)");
        }
    }

    /** What providers read their own keys from: the run's configuration parameters, stripped, blank as unset. */
    private ProviderSettings providerSettings() {
        return key -> configuration.get(key).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** The suite's models, asked of its {@link ModelPairSource}; called once, when the suite starts. */
    private ModelPair models() {
        Class<? extends ModelPairSource> source = modelPairSource();
        if (source != ConfiguredModels.class) {
            // It may take minutes (RMU trains); its own progress follows.
            LOGGER.log(System.Logger.Level.INFO, "{0}: asking {1} for the models", getDisplayName(),
                    source.getSimpleName());
        }
        return ReflectionSupport.newInstance(source).models(model.suiteClass(), configuration);
    }

    private Class<? extends ModelPairSource> modelPairSource() {
        return AnnotationSupport.findAnnotation(model.suiteClass(), WmdpSuite.class).orElseThrow().models();
    }

    /**
     * Whether the suite's benchmarks may be scored at the same time, which JUnit asks while it plans the run,
     * before any test is reported started. So it is decided from the providers without resolving the models: a
     * {@link ModelPairSource} may train a model first (RMU) and a hub id may download one. True when every installed
     * provider declares its models thread-safe; otherwise only for models named directly ({@link ConfiguredModels}:
     * the annotation or the keys) as a local path or endpoint whose claiming provider does (claiming reads at most a
     * config file). False when that cannot be told: any error surfaces when the suite starts.
     */
    boolean modelsAreThreadSafe() {
        List<LanguageModelProvider> installed = LanguageModelProvider.installed();
        if (!installed.isEmpty() && installed.stream().allMatch(LanguageModelProvider::threadSafe)) {
            return true;
        }
        if (modelPairSource() != ConfiguredModels.class) {
            return false;
        }
        try {
            ModelPair pair = new ConfiguredModels().models(model.suiteClass(), configuration);
            return Stream.concat(Stream.of(pair.candidate()), pair.base().stream())
                    .allMatch(reference -> reference.kind() != ModelReference.Kind.HUB_ID
                            && ModelProviders.claimant(reference, providerSettings(), installed).threadSafe());
        } catch (RuntimeException e) {
            return false; // the suite fails with this when it starts
        }
    }

    /** Whether a selected test compares with the base model. */
    private boolean needsBaseModel() {
        return getDescendants().stream().anyMatch(d -> d instanceof ThresholdDescriptor t && t.needsBaseModel());
    }
}

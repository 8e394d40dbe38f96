package dev.wmdpjunit.engine.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.wmdpjunit.engine.WmdpConfiguration;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.config.PrefixedConfigurationParameters;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.ForkJoinPoolHierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;

/**
 * The wmdp-junit test engine ({@value WmdpConfiguration#ENGINE_ID}): runs {@link dev.wmdpjunit.engine.WmdpSuite}
 * classes. Registered through {@code META-INF/services/org.junit.platform.engine.TestEngine}, so Surefire, IDEs
 * and the ConsoleLauncher find it next to Jupiter.
 */
@API(status = INTERNAL, since = "0.1.0")
public final class WmdpTestEngine extends HierarchicalTestEngine<WmdpContext> {

    @Override
    public String getId() {
        return WmdpConfiguration.ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.wmdpjunit");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("wmdp-junit-engine");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "wmdp-junit");
        WmdpSelectorResolver resolver = new WmdpSelectorResolver(request.getConfigurationParameters(),
                DiscoveryIssueReporter.deduplicating(DiscoveryIssueReporter.forwarding(request.getDiscoveryListener(),
                        uniqueId)));
        EngineDiscoveryRequestResolver.<EngineDescriptor>builder()
                .addClassContainerSelectorResolver(SuiteModel::isSuite)
                .addSelectorResolver(context -> resolver)
                // Suites and domains left without tests (e.g. no question of wmdp.questions in them) are dropped.
                .addTestDescriptorVisitor(context -> TestDescriptor::prune)
                .build()
                .resolve(request, engine);
        // Ids of wmdp.questions that selected nothing fail the run rather than being dropped with their suites.
        resolver.addUnknownQuestions(engine);
        return engine;
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        ConfigurationParameters configuration = request.getConfigurationParameters();
        if (configuration.getBoolean(WmdpConfiguration.PARALLEL_ENABLED).orElse(false)) {
            // Reads strategy, fixed.parallelism, dynamic.factor, ... under wmdp.execution.parallel.config.
            return new ForkJoinPoolHierarchicalTestExecutorService(new PrefixedConfigurationParameters(configuration,
                    WmdpConfiguration.PARALLEL_CONFIG_PREFIX));
        }
        return super.createExecutorService(request);
    }

    @Override
    protected WmdpContext createExecutionContext(ExecutionRequest request) {
        return new WmdpContext(request.getEngineExecutionListener());
    }
}

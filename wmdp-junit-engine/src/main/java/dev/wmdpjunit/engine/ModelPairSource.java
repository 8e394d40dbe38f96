package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Decides which checkpoints a suite scores, named by {@link WmdpSuite#models()}. The engine creates one instance
 * per suite run through a constructor without parameters and calls {@link #models} once, when the suite starts
 * (after it is reported started, never while JUnit plans the run), before opening anything; so it may take long,
 * as RMU training does, and should log its progress.
 * Throw {@link WmdpConfigurationException} when a required setting is missing: every test of the suite then fails
 * with its message.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface ModelPairSource {

    /**
     * @param suiteClass    the {@link WmdpSuite} class being run
     * @param configuration the run's JUnit configuration parameters (junit-platform.properties, system
     *                      properties, Surefire's configurationParameters)
     */
    ModelPair models(Class<?> suiteClass, ConfigurationParameters configuration);
}

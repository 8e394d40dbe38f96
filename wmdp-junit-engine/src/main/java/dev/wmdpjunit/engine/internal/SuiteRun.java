package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.model.ProviderSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A suite's open models and settings, from its container's start to its end.
 *
 * @param settings   the run's checked settings
 * @param candidate  the model the thresholds judge; none when the run merges shards ({@code wmdp.merge})
 * @param base       the base model, opened only when a selected threshold compares with it and one is set
 * @param resultsDir where this suite's results files go: {@code <wmdp.results>/<suite class name>}
 * @param providers  the providers' keys, for models a probe opens (quantized or relearned copies)
 * @param summary    the scores and verdicts of this run, logged when the suite ends
 */
record SuiteRun(EngineSettings settings, Optional<OpenedModel> candidate, Optional<OpenedModel> base,
                Path resultsDir, ProviderSettings providers, SuiteSummary summary) implements AutoCloseable {

    SuiteRun(EngineSettings settings, Optional<OpenedModel> candidate, Optional<OpenedModel> base,
             Path resultsDir, ProviderSettings providers) {
        this(settings, candidate, base, resultsDir, providers, new SuiteSummary(resultsDir));
    }

    /** Closes both models; the candidate even if closing the base model fails. */
    @Override
    public void close() {
        try {
            base.ifPresent(OpenedModel::close);
        } finally {
            candidate.ifPresent(OpenedModel::close);
        }
    }
}

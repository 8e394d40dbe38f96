package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.model.ProviderSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A suite's open models and settings, from its container's start to its end.
 *
 * @param settings   the run's checked settings
 * @param candidate  the model the thresholds judge
 * @param baseline   the base model, opened only when a selected threshold compares with it and one is set
 * @param resultsDir where this suite's results files go: {@code <wmdp.results>/<suite class name>}
 * @param providers  the providers' keys, for models a probe opens (quantized or relearned copies)
 */
record SuiteRun(EngineSettings settings, OpenedModel candidate, Optional<OpenedModel> baseline, Path resultsDir,
                ProviderSettings providers) implements AutoCloseable {

    /** Closes both models; the candidate even if closing the baseline fails. */
    @Override
    public void close() {
        try {
            baseline.ifPresent(OpenedModel::close);
        } finally {
            candidate.close();
        }
    }
}

package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.model.ModelProviders;
import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.core.model.OpenedModel;
import dev.wmdpjunit.core.model.ProviderSettings;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.results.DomainResult;
import java.nio.file.Path;

/**
 * What a probe measures on: the suite's candidate model and the benchmark as the domain scored it.
 *
 * @param model    the candidate model
 * @param scores   the benchmark's plain scores, its questions and template
 * @param settings  the run's settings
 * @param providers the providers' keys, to open the copies a probe makes
 * @param label    names the work in progress logs, e.g. {@code MySuite wmdp-bio}
 */
record ProbeInput(OpenedModel model, DomainScores scores, EngineSettings settings, ProviderSettings providers,
                  String label) {

    QuestionSet questions() {
        return scores.questions();
    }

    MultipleChoiceTemplate template() {
        return scores.template();
    }

    /** The candidate's plain result, which the probes reuse as their unchanged condition. */
    DomainResult plain() {
        return scores.candidate();
    }

    /**
     * Opens a checkpoint folder a probe wrote (a quantized or relearned copy) through the installed providers,
     * as the candidate was opened.
     *
     * @param what the copy in messages, e.g. {@code int4 copy of the model}
     */
    OpenedModel open(Path copy, String what) {
        return ModelProviders.open(ModelReference.of(copy, what), settings.modelOptions(), providers);
    }

    /** Scores the questions with the candidate's template on a model, logging progress as {@code label (what)}. */
    DomainResult score(OpenedModel on, QuestionSet questions, String what) {
        return DomainDescriptor.score(on, label + " (" + what + ")", questions, template(), settings);
    }

    /** Scores these questions with this template on the candidate, logging progress as {@code label (what)}. */
    DomainResult score(QuestionSet questions, MultipleChoiceTemplate template, String what) {
        return DomainDescriptor.score(model, label + " (" + what + ")", questions, template, settings);
    }
}

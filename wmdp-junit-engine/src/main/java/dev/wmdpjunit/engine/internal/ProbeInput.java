package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.results.DomainResult;

/**
 * What a probe measures on: the suite's candidate model and the benchmark as the domain scored it.
 *
 * @param model    the candidate model
 * @param scores   the benchmark's plain scores, its questions and template
 * @param settings the run's settings
 * @param label    names the work in progress logs, e.g. {@code MySuite wmdp-bio}
 */
record ProbeInput(OpenModel model, DomainScores scores, EngineSettings settings, String label) {

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

    /** Scores these questions with this template on the candidate, logging progress as {@code label (what)}. */
    DomainResult score(QuestionSet questions, MultipleChoiceTemplate template, String what) {
        return DomainDescriptor.score(model, label + " (" + what + ")", questions, template, settings);
    }
}

package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.results.DomainResult;
import java.util.Optional;

/**
 * One benchmark scored once for all its tests.
 *
 * @param candidate  the candidate model's result
 * @param base       the base model's result on the same questions, when a selected threshold needs it and a base
 *                   model is set
 * @param rescorable the questions and template, for probes that score them again another way; none at a merge of
 *                   shards ({@code wmdp.merge}), which has neither the data nor a model
 */
record DomainScores(DomainResult candidate, Optional<DomainResult> base, Optional<Rescorable> rescorable) {

    /**
     * @param questions the questions scored (after {@code wmdp.limit}, a sample or a question selection)
     * @param template  the template that rendered them
     */
    record Rescorable(QuestionSet questions, MultipleChoiceTemplate template) {
    }
}

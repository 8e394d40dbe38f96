package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.results.DomainResult;
import java.util.Optional;

/**
 * One benchmark scored once for all its tests.
 *
 * @param candidate the candidate model's result
 * @param baseline  the base model's result on the same questions, when a selected threshold needs it and a base
 *                  model is set
 * @param questions the questions scored (after {@code wmdp.limit} or a question selection)
 * @param template  the template that rendered them, for probes that score them again another way
 */
record DomainScores(DomainResult candidate, Optional<DomainResult> baseline, QuestionSet questions,
                    MultipleChoiceTemplate template) {
}

package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.results.DomainResult;
import java.util.Optional;

/**
 * One benchmark scored once for all its tests.
 *
 * @param candidate the candidate model's result
 * @param baseline  the base model's result on the same questions, when a selected threshold needs it and a base
 *                  model is set
 */
record DomainScores(DomainResult candidate, Optional<DomainResult> baseline) {
}

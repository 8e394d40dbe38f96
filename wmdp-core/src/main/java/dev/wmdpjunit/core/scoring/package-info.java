/**
 * Scoring as lm-evaluation-harness scores multiple-choice questions on a causal LM: encoding
 * ({@link dev.wmdpjunit.core.scoring.RequestEncoder}), the fed window ({@link dev.wmdpjunit.core.scoring.FedWindow}),
 * shared forward passes for model backends ({@link dev.wmdpjunit.core.scoring.ForwardPlan}), the per-question
 * decision ({@link dev.wmdpjunit.core.scoring.MultipleChoiceMetrics}) and whole question sets
 * ({@link dev.wmdpjunit.core.scoring.MultipleChoiceScorer}).
 *
 * <p>Known differences from lm-eval, none of which changes a WMDP or MMLU score:
 * <ul>
 *   <li>requests share a forward pass when their fed windows (after truncation) are identical; lm-eval groups by
 *       the untruncated {@code context + continuation[:-1]}, so it may run two identical windows where this runs
 *       one;</li>
 *   <li>a continuation too long for the window is rejected (lm-eval slices its logits with a negative start);</li>
 *   <li>the "string already starts with BOS" check compares with the BOS text only, where lm-eval uses the EOS
 *       text for a tokenizer without BOS;</li>
 *   <li>continuation log-probs are summed in float32 first to last; torch may associate a long sum differently,
 *       which can change the last bits. One- and two-token sums (WMDP's {@code " A"} with a byte tokenizer) are
 *       identical.</li>
 * </ul>
 */
package dev.wmdpjunit.core.scoring;

/**
 * Prompts exactly as lm-evaluation-harness renders its WMDP and MMLU {@code multiple_choice} tasks
 * ({@link dev.wmdpjunit.core.prompt.MultipleChoiceTemplate}), under one of the harness behaviours that change
 * them ({@link dev.wmdpjunit.core.prompt.PromptFormat}).
 *
 * <p>Where this package knowingly differs from lm-eval, it refuses instead of guessing:
 * <ul>
 *   <li>a question must have exactly four choices (lm-eval's template indexes {@code choices[0..3]}: it fails on
 *       fewer and silently ignores a fifth);</li>
 *   <li>a custom description must not contain jinja syntax, which lm-eval would evaluate and this package does
 *       not.</li>
 * </ul>
 * MMLU descriptions come from the subject YAML files, which end in {@code \n\n} like WMDP's and go through the
 * same jinja rendering, so they too end in one newline in lm-eval-0.4.2 and two from lm-eval-0.4.4 on; the
 * few-shot examples follow the description directly.
 */
package dev.wmdpjunit.core.prompt;

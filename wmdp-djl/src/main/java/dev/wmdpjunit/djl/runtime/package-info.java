/**
 * The user-facing causal-LM runtime: {@link dev.wmdpjunit.djl.runtime.DjlLanguageModel} answers wmdp-core's
 * loglikelihood requests with a {@link dev.wmdpjunit.djl.model.CausalLm} (one forward pass per distinct fed window,
 * padded batches, scored rows only), {@link dev.wmdpjunit.djl.runtime.DjlLanguageModelProvider} opens it through the
 * {@code LanguageModelProvider} service, {@link dev.wmdpjunit.djl.runtime.ModelMaxLength} derives lm-eval's
 * max_length, and {@link dev.wmdpjunit.djl.runtime.CheckpointWriter} saves (edited) weights as an HF directory.
 */
package dev.wmdpjunit.djl.runtime;

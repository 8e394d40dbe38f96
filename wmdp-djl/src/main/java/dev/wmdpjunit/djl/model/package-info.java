/**
 * Causal language models on DJL PyTorch (CPU, float32) that reproduce transformers 4.40.2.
 *
 * <p>{@link dev.wmdpjunit.djl.model.ModelConfig} reads config.json; {@link dev.wmdpjunit.djl.model.CausalLm#load}
 * builds the model of its architecture from a {@link dev.wmdpjunit.djl.checkpoint.TensorSource}. One class per
 * architecture family holds its layer ({@code LlamaModel} for llama, mistral and qwen2; {@code MixtralModel};
 * {@code GptNeoXModel}; {@code Gpt2Model}); the math they share (norms, rotary, masked attention, gated MLP)
 * lives in small package-private building blocks.
 */
package dev.wmdpjunit.djl.model;

package dev.wmdpjunit.examples.demo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.djl.checkpoint.TensorSource;
import dev.wmdpjunit.djl.model.ModelConfig;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Freshly initialised Llama weights in Hugging Face naming, as {@code LlamaForCausalLM._init_weights} makes them:
 * linear and embedding weights normal with standard deviation {@link #STD}, RMSNorm weights one. Values come from
 * {@link Random#nextGaussian()} with a fixed seed, so they do not depend on the tensor library.
 */
public final class InitialWeights implements TensorSource {

    /** transformers' default {@code initializer_range}. */
    public static final double STD = 0.02;

    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, float[]> values = new LinkedHashMap<>();

    /** Weights for a llama config without attention bias and with tied embeddings. */
    public InitialWeights(ModelConfig config, long seed) {
        if (!config.tieWordEmbeddings() || config.attentionBias() || config.numKvHeads() != config.numHeads()) {
            throw new IllegalArgumentException(config.source() + ": initial weights are made only for tied,"
                    + " bias-free llama configs without grouped-query attention");
        }
        Random random = new Random(seed);
        int hidden = config.hiddenSize();
        int inner = config.intermediateSize();
        normal("model.embed_tokens.weight", random, config.vocabSize(), hidden);
        for (int layer = 0; layer < config.numLayers(); layer++) {
            String p = "model.layers." + layer + ".";
            for (String projection : new String[] {"q_proj", "k_proj", "v_proj", "o_proj"}) {
                normal(p + "self_attn." + projection + ".weight", random, hidden, hidden);
            }
            normal(p + "mlp.gate_proj.weight", random, inner, hidden);
            normal(p + "mlp.up_proj.weight", random, inner, hidden);
            normal(p + "mlp.down_proj.weight", random, hidden, inner);
            ones(p + "input_layernorm.weight", hidden);
            ones(p + "post_attention_layernorm.weight", hidden);
        }
        ones("model.norm.weight", hidden);
    }

    private void normal(String name, Random random, int rows, int columns) {
        float[] data = new float[rows * columns];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * STD);
        }
        put(name, data, new Shape(rows, columns));
    }

    private void ones(String name, int size) {
        float[] data = new float[size];
        Arrays.fill(data, 1f);
        put(name, data, new Shape(size));
    }

    private void put(String name, float[] data, Shape shape) {
        shapes.put(name, shape);
        values.put(name, data);
    }

    @Override
    public Set<String> names() {
        return shapes.keySet();
    }

    @Override
    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("initial weights have no tensor '" + name + "'");
        }
        return shape;
    }

    @Override
    public DataType dataType(String name) {
        shape(name);
        return DataType.FLOAT32;
    }

    @Override
    public NDArray load(String name, NDManager manager, DataType dtype) {
        return manager.create(values.get(name), shape(name)).toType(dtype, false);
    }

    @Override
    public String describe(String name) {
        return "initial weights: " + name;
    }

    @Override
    public void close() {
    }
}

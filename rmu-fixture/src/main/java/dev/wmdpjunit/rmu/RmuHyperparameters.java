package dev.wmdpjunit.rmu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of an RMU run, named as in the official {@code rmu/unlearn.py}.
 *
 * @param layerId             decoder layer whose output (residual stream) is steered ({@code layer_id})
 * @param layerIds            decoder layers whose parameters are updated ({@code layer_ids})
 * @param trainable           which parameters of those layers train ({@code param_ids}, or name patterns)
 * @param steeringCoeffs      control-vector norm per forget corpus ({@code steering_coeffs})
 * @param alphas              retain-loss weight per topic ({@code alpha})
 * @param optimizer           AdamW variant and learning rate ({@code lr})
 * @param batchSize           documents per batch ({@code batch_size})
 * @param maxNumBatches       upper bound on optimisation steps ({@code max_num_batches})
 * @param minLength           documents of at most this many characters are dropped ({@code min_len})
 * @param seed                seed of the control vectors ({@code seed})
 * @param firstForgetMaxLength truncation of the first forget corpus (512 in the official code)
 * @param otherForgetMaxLength truncation of every other forget corpus (768 in the official code)
 * @param retainMaxLength     truncation of the retain corpora (512 in the official code)
 */
public record RmuHyperparameters(
        int layerId,
        List<Integer> layerIds,
        ParameterSelection trainable,
        List<Double> steeringCoeffs,
        List<Double> alphas,
        AdamWSettings optimizer,
        int batchSize,
        int maxNumBatches,
        int minLength,
        long seed,
        int firstForgetMaxLength,
        int otherForgetMaxLength,
        int retainMaxLength) {

    public RmuHyperparameters {
        layerIds = List.copyOf(layerIds);
        steeringCoeffs = List.copyOf(steeringCoeffs);
        alphas = List.copyOf(alphas);
        if (layerId < 0 || layerIds.isEmpty() || layerIds.stream().anyMatch(i -> i < 0) || trainable == null
                || optimizer == null) {
            throw new IllegalArgumentException("need layer_id >= 0, non-negative layer_ids, a parameter selection"
                    + " and an optimizer");
        }
        if (steeringCoeffs.isEmpty() || steeringCoeffs.size() != alphas.size()) {
            throw new IllegalArgumentException("need one steering coefficient and one alpha per topic, got "
                    + steeringCoeffs + " and " + alphas);
        }
        if (batchSize < 1 || maxNumBatches < 1 || minLength < 0 || firstForgetMaxLength < 1
                || otherForgetMaxLength < 1 || retainMaxLength < 1) {
            throw new IllegalArgumentException("batch size, max_num_batches and truncation lengths must be positive,"
                    + " min_len non-negative");
        }
    }

    /** Topics (forget corpora) the run alternates over. */
    public int topics() {
        return steeringCoeffs.size();
    }

    /** Truncation of forget texts of a topic: {@code 512 if topic_idx == 0 else 768} in the official code. */
    public int forgetMaxLength(int topic) {
        return topic == 0 ? firstForgetMaxLength : otherForgetMaxLength;
    }

    /** Starts from the official defaults: layer 7, layers 5-7, down_proj, lr 5e-5 transformers AdamW, seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return new Builder().layerId(layerId).layerIds(layerIds).trainable(trainable)
                .topics(steeringCoeffs, alphas).optimizer(optimizer).batchSize(batchSize)
                .maxNumBatches(maxNumBatches).minLength(minLength).seed(seed)
                .truncation(firstForgetMaxLength, otherForgetMaxLength, retainMaxLength);
    }

    /** Every value as plain JSON-ready data, in a fixed order (the cache key is computed from it). */
    public Map<String, Object> describe() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("layer_id", layerId);
        values.put("layer_ids", layerIds);
        values.put("trainable", trainable.describe());
        values.put("steering_coeffs", steeringCoeffs);
        values.put("alpha", alphas);
        values.put("optimizer", optimizer.variant().name());
        values.put("lr", optimizer.lr());
        values.put("betas", List.of(optimizer.beta1(), optimizer.beta2()));
        values.put("eps", optimizer.eps());
        values.put("weight_decay", optimizer.weightDecay());
        values.put("batch_size", batchSize);
        values.put("max_num_batches", maxNumBatches);
        values.put("min_len", minLength);
        values.put("seed", seed);
        values.put("forget_max_length", List.of(firstForgetMaxLength, otherForgetMaxLength));
        values.put("retain_max_length", retainMaxLength);
        return values;
    }

    /** Builds {@link RmuHyperparameters}; unset values keep the official defaults. */
    public static final class Builder {
        private int layerId = 7;
        private List<Integer> layerIds = List.of(5, 6, 7);
        private ParameterSelection trainable = ParameterSelection.downProjections();
        private List<Double> steeringCoeffs = List.of(20.0, 20.0);
        private List<Double> alphas = List.of(100.0, 100.0);
        private AdamWSettings optimizer = AdamWSettings.transformers(5e-5);
        private int batchSize = 4;
        private int maxNumBatches = 80;
        private int minLength = 0;
        private long seed = 42;
        private int firstForgetMaxLength = 512;
        private int otherForgetMaxLength = 768;
        private int retainMaxLength = 512;

        private Builder() {
        }

        public Builder layerId(int value) {
            layerId = value;
            return this;
        }

        public Builder layerIds(List<Integer> value) {
            layerIds = value;
            return this;
        }

        public Builder trainable(ParameterSelection value) {
            trainable = value;
            return this;
        }

        /** One steering coefficient and one alpha per forget corpus, in corpus order. */
        public Builder topics(List<Double> steeringCoeffsPerTopic, List<Double> alphasPerTopic) {
            steeringCoeffs = steeringCoeffsPerTopic;
            alphas = alphasPerTopic;
            return this;
        }

        public Builder optimizer(AdamWSettings value) {
            optimizer = value;
            return this;
        }

        /** The transformers AdamW (the official optimizer) with this learning rate. */
        public Builder lr(double value) {
            optimizer = AdamWSettings.transformers(value);
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder maxNumBatches(int value) {
            maxNumBatches = value;
            return this;
        }

        public Builder minLength(int value) {
            minLength = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder truncation(int firstForget, int otherForget, int retain) {
            firstForgetMaxLength = firstForget;
            otherForgetMaxLength = otherForget;
            retainMaxLength = retain;
            return this;
        }

        public RmuHyperparameters build() {
            return new RmuHyperparameters(layerId, layerIds, trainable, steeringCoeffs, alphas, optimizer, batchSize,
                    maxNumBatches, minLength, seed, firstForgetMaxLength, otherForgetMaxLength, retainMaxLength);
        }
    }
}

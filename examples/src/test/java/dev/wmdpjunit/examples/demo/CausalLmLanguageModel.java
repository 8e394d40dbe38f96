package dev.wmdpjunit.examples.demo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.Tokenizer;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.model.LogProbs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal {@link LanguageModel} over a {@link CausalLm}, enough for the core scorer on the demo model: every
 * request is one row (context then continuation), rows are right-padded into batches, and the loglikelihood is
 * the sum of the continuation tokens' log-probabilities. It does no truncation (demo prompts are far shorter
 * than the model's window; a longer one is refused) and shares no forward passes between requests.
 * The project's full backend is {@code DjlLanguageModel} on branch {@code djl}; this stands in until it lands.
 */
final class CausalLmLanguageModel implements LanguageModel {

    private static final int BATCH = 64;

    private final CausalLm model;
    private final Tokenizer tokenizer;
    private final int padId;

    CausalLmLanguageModel(CausalLm model, Tokenizer tokenizer, int padId) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.padId = padId;
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int maxLength() {
        return model.config().maxPositions();
    }

    @Override
    public List<Loglikelihood> loglikelihood(List<LoglikelihoodRequest> requests) {
        List<Loglikelihood> results = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += BATCH) {
            results.addAll(batch(requests.subList(from, Math.min(requests.size(), from + BATCH))));
        }
        return results;
    }

    private List<Loglikelihood> batch(List<LoglikelihoodRequest> requests) {
        int length = 0;
        for (LoglikelihoodRequest request : requests) {
            int rowLength = request.context().length + request.continuation().length;
            if (rowLength > maxLength()) {
                throw new IllegalArgumentException("request of " + rowLength + " tokens exceeds the window of "
                        + maxLength());
            }
            length = Math.max(length, rowLength);
        }
        long[] ids = new long[requests.size() * length];
        Arrays.fill(ids, padId);
        for (int row = 0; row < requests.size(); row++) {
            int t = row * length;
            for (int id : requests.get(row).context()) {
                ids[t++] = id;
            }
            for (int id : requests.get(row).continuation()) {
                ids[t++] = id;
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray inputIds = manager.create(ids, new Shape(requests.size(), length));
            NDArray logits = model.logits(inputIds, null);
            // [B, T - 1]: log p(token t + 1 | tokens 0..t), and whether that token was the argmax.
            float[] logProbs = LogProbs.nextToken(logits, inputIds).toFloatArray();
            NDArray argmax = logits.get(":, :-1, :").argMax(2);
            long[] greedy = argmax.toLongArray();
            List<Loglikelihood> results = new ArrayList<>(requests.size());
            for (int row = 0; row < requests.size(); row++) {
                LoglikelihoodRequest request = requests.get(row);
                double sum = 0;
                boolean isGreedy = true;
                for (int j = 0; j < request.continuation().length; j++) {
                    int position = row * (length - 1) + request.context().length - 1 + j;
                    sum += logProbs[position];
                    isGreedy &= greedy[position] == request.continuation()[j];
                }
                results.add(new Loglikelihood(sum, isGreedy));
            }
            return results;
        }
    }
}

package dev.wmdpjunit.core.scoring;

import dev.wmdpjunit.core.model.LanguageModel;
import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.Tokenizer;
import dev.wmdpjunit.core.testing.ByteTokenizer;
import dev.wmdpjunit.core.testing.LmEvalGolden;
import dev.wmdpjunit.core.testing.LmEvalGolden.Doc;
import dev.wmdpjunit.core.testing.LmEvalGolden.Request;
import dev.wmdpjunit.core.testing.LmEvalGolden.Variant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake model that knows, for every window the golden file fed the real model, the log-prob and argmax of the
 * rows lm-eval scored. It answers through {@link ForwardPlan} as a real backend does, so a request whose window
 * or scored token lm-eval never saw fails the test.
 */
final class GoldenLanguageModel implements LanguageModel {

    private final int maxLength;
    private final Map<String, GoldenRow> rows = new HashMap<>();
    private final List<Integer> requestsPerCall = new ArrayList<>();

    GoldenLanguageModel(LmEvalGolden golden) {
        this.maxLength = golden.maxLength();
        for (Variant variant : golden.variants()) {
            for (Doc doc : variant.docs()) {
                for (Request request : doc.requests()) {
                    for (int j = 0; j < request.continuationEnc().length; j++) {
                        remember(request.modelInputIds(), request.scoredPositions()[j], request.continuationEnc()[j],
                                (float) request.perTokenLogprobs()[j], request.greedyTokens()[j]);
                    }
                }
            }
        }
    }

    /** How many requests each call to {@link #loglikelihood} carried, in call order. */
    List<Integer> requestsPerCall() {
        return requestsPerCall;
    }

    @Override
    public Tokenizer tokenizer() {
        return new ByteTokenizer();
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public List<Loglikelihood> loglikelihood(List<LoglikelihoodRequest> requests) {
        requestsPerCall.add(requests.size());
        return ForwardPlan.of(requests, maxLength).score(2, batch -> batch.stream()
                .map(window -> (ForwardPlan.LogProbRows) new WindowRows(window.inputIds())).toList());
    }

    private void remember(int[] window, int position, int token, float logProb, int greedyToken) {
        GoldenRow row = rows.computeIfAbsent(key(window, position), k -> new GoldenRow(new HashMap<>(), greedyToken));
        if (row.greedyToken() != greedyToken) {
            throw new IllegalStateException("golden rows disagree on the argmax at position " + position);
        }
        Float known = row.logProbs().putIfAbsent(token, logProb);
        if (known != null && known != logProb) {
            throw new IllegalStateException("golden rows disagree on token " + token + " at position " + position);
        }
    }

    private static String key(int[] window, int position) {
        return java.util.Arrays.toString(window) + "@" + position;
    }

    private record GoldenRow(Map<Integer, Float> logProbs, int greedyToken) {
    }

    private final class WindowRows implements ForwardPlan.LogProbRows {
        private final int[] window;

        WindowRows(int[] window) {
            this.window = window;
        }

        @Override
        public float logProb(int position, int tokenId) {
            Float logProb = row(position).logProbs().get(tokenId);
            if (logProb == null) {
                throw new AssertionError("the golden file never scored token " + tokenId + " at row " + position);
            }
            return logProb;
        }

        @Override
        public int argmax(int position) {
            return row(position).greedyToken();
        }

        private GoldenRow row(int position) {
            GoldenRow row = rows.get(key(window, position));
            if (row == null) {
                throw new AssertionError("the golden file never scored row " + position + " of a window of "
                        + window.length + " tokens");
            }
            return row;
        }
    }
}

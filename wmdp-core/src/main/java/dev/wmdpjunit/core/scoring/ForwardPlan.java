package dev.wmdpjunit.core.scoring;

import dev.wmdpjunit.core.model.Loglikelihood;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model backend answers a list of loglikelihood requests with as few forward passes as lm-eval needs.
 *
 * <p>Each request becomes its {@link FedWindow}. Requests whose fed windows are identical share one forward
 * pass (lm-eval's logits cache): a question whose four continuations are single tokens, or whose continuations
 * share all but their last token, costs one forward, not four. Windows come longest first, as lm-eval orders
 * its batches, so an out-of-memory batch shows up at the start of a run.
 *
 * <p>A backend implementing {@link dev.wmdpjunit.core.model.LanguageModel#loglikelihood} builds the plan and
 * calls {@link #score(int, BatchForward)} with a function that runs one batch of windows through the model
 * and returns, per window, its log-softmax rows. The plan reads the scored rows, sums and checks greediness,
 * and returns the answers in request order. Windows in a batch have different lengths; right-padding them
 * (with no attention mask, as lm-eval does) cannot change a causal model's rows before the padding.
 */
public final class ForwardPlan {

    /**
     * Log-softmax rows of one fed window, as the model computed them (in its dtype, normally float32).
     * Only rows from {@link Window#firstScoredPosition()} to the window's last position are read.
     */
    public interface LogProbRows {

        /** log p(token | inputIds[0..position]), i.e. entry {@code tokenId} of output row {@code position}. */
        float logProb(int position, int tokenId);

        /** The most likely token at output row {@code position}; the lowest id on ties, as torch's argmax. */
        int argmax(int position);
    }

    /** Runs the model on a batch of windows. */
    @FunctionalInterface
    public interface BatchForward {

        /** The log-softmax rows of each window of the batch, in the batch's order. */
        List<LogProbRows> forward(List<Window> batch);
    }

    /**
     * One request answered by a window.
     *
     * @param requestIndex        index of the request in the list the plan was built from
     * @param continuation        the request's continuation tokens
     * @param firstScoredPosition the output row that predicts {@code continuation[0]}
     */
    public record Target(int requestIndex, int[] continuation, int firstScoredPosition) {

        public Target {
            continuation = continuation.clone();
        }

        /**
         * The request's answer from its window's rows: the continuation tokens' log-probabilities summed in
         * float32 from first to last (lm-eval sums the model-dtype tensor), and whether each token is the argmax.
         */
        public Loglikelihood score(LogProbRows rows) {
            float sum = 0f;
            boolean greedy = true;
            for (int j = 0; j < continuation.length; j++) {
                int position = firstScoredPosition + j;
                sum += rows.logProb(position, continuation[j]);
                greedy &= rows.argmax(position) == continuation[j];
            }
            return new Loglikelihood(sum, greedy);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Target t && requestIndex == t.requestIndex
                    && Arrays.equals(continuation, t.continuation) && firstScoredPosition == t.firstScoredPosition;
        }

        @Override
        public int hashCode() {
            return 31 * requestIndex + Arrays.hashCode(continuation);
        }

        @Override
        public String toString() {
            return "Target[request " + requestIndex + " " + Arrays.toString(continuation) + " from row "
                    + firstScoredPosition + "]";
        }
    }

    /**
     * A distinct fed window and the requests it answers.
     *
     * @param inputIds the tokens to feed, positions starting at 0
     * @param targets  the requests answered from this window's rows, in request order
     */
    public record Window(int[] inputIds, List<Target> targets) {

        public Window {
            inputIds = inputIds.clone();
            targets = List.copyOf(targets);
        }

        public int length() {
            return inputIds.length;
        }

        /** The first output row any target reads; rows before it are not needed. */
        public int firstScoredPosition() {
            return targets.stream().mapToInt(Target::firstScoredPosition).min().orElseThrow();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Window w && Arrays.equals(inputIds, w.inputIds) && targets.equals(w.targets);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(inputIds) + targets.hashCode();
        }

        @Override
        public String toString() {
            return "Window[" + inputIds.length + " tokens, " + targets + "]";
        }
    }

    private final int requestCount;
    private final List<Window> windows;

    private ForwardPlan(int requestCount, List<Window> windows) {
        this.requestCount = requestCount;
        this.windows = List.copyOf(windows);
    }

    /** Groups the requests by fed window; {@code maxLength} is the model's (see {@link FedWindow}). */
    public static ForwardPlan of(List<LoglikelihoodRequest> requests, int maxLength) {
        Map<WindowKey, List<Target>> byWindow = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            FedWindow fed = FedWindow.of(requests.get(i), maxLength);
            byWindow.computeIfAbsent(new WindowKey(fed.inputIds()), key -> new ArrayList<>())
                    .add(new Target(i, fed.continuation(), fed.firstScoredPosition()));
        }
        List<Window> windows = new ArrayList<>();
        byWindow.forEach((key, targets) -> windows.add(new Window(key.ids(), targets)));
        windows.sort(Comparator.comparingInt(Window::length).reversed()
                .thenComparing(Window::inputIds, Arrays::compare));
        return new ForwardPlan(requests.size(), windows);
    }

    /** The distinct windows, longest first (ties in ascending token order). */
    public List<Window> windows() {
        return windows;
    }

    public int requestCount() {
        return requestCount;
    }

    /**
     * Answers every request: feeds the windows in order, {@code windowsPerBatch} at a time, and scores each
     * window's targets from its rows.
     *
     * @return one answer per request, in the order of the requests the plan was built from
     */
    public List<Loglikelihood> score(int windowsPerBatch, BatchForward forward) {
        if (windowsPerBatch < 1) {
            throw new IllegalArgumentException("windowsPerBatch must be positive, was " + windowsPerBatch);
        }
        Loglikelihood[] answers = new Loglikelihood[requestCount];
        for (int from = 0; from < windows.size(); from += windowsPerBatch) {
            List<Window> batch = windows.subList(from, Math.min(from + windowsPerBatch, windows.size()));
            List<LogProbRows> rows = forward.forward(batch);
            if (rows.size() != batch.size()) {
                throw new IllegalStateException("forward pass returned rows for " + rows.size()
                        + " windows, expected " + batch.size() + " (windows " + from + ".." + (from + batch.size() - 1)
                        + " of " + windows.size() + ")");
            }
            for (int w = 0; w < batch.size(); w++) {
                for (Target target : batch.get(w).targets()) {
                    answers[target.requestIndex()] = target.score(rows.get(w));
                }
            }
        }
        return List.of(answers);
    }

    /** A window's token ids as a map key (arrays compare by identity). */
    private record WindowKey(int[] ids) {

        @Override
        public boolean equals(Object o) {
            return o instanceof WindowKey k && Arrays.equals(ids, k.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }
    }
}

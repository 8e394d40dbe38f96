package dev.wmdpjunit.djl.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.scoring.ForwardPlan;
import dev.wmdpjunit.djl.model.ModelConfig;

import java.util.List;

/** The two sides of a speed ratio: the FLOPs a scoring workload needs, and libtorch's GEMM rate in this process. */
final class ComputeRates {

    private ComputeRates() {
    }

    /**
     * Best of five {@code n x n} matmuls through DJL in {@code dtype}, after two warm-ups, in GFLOP/s. The operands
     * are float32 arrays converted by libtorch, so no half-precision array crosses DJL's JNI.
     */
    static double gemmGflops(int n, DataType dtype) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray a = manager.randomNormal(new Shape(n, n)).toType(dtype, false);
            NDArray b = manager.randomNormal(new Shape(n, n)).toType(dtype, false);
            double best = Double.MAX_VALUE;
            for (int run = 0; run < 7; run++) {
                long start = System.nanoTime();
                try (NDArray product = a.matMul(b); NDArray first = product.get(0, 0).toType(DataType.FLOAT32, false)) {
                    first.getFloat(); // the result is complete once it can be read
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (run >= 2) {
                    best = Math.min(best, seconds);
                }
            }
            return 2.0 * n * n * n / best / 1e9;
        }
    }

    /**
     * Tokens and FLOPs of the distinct fed windows of some calls, as the model's forward plan builds them. FLOPs of a
     * window of T tokens: 2 x (decoder-layer matmul weights) x T, plus 4 x layers x hidden x T^2 for QK^T and AV
     * (the full T x T scores, although the runtime skips most of the causally hidden half), plus 2 x vocab x hidden
     * per scored row. Windows are packed without padding, so the fed tokens are the computed ones.
     */
    record Workload(long windows, long tokens, int longest, double flops) {

        static Workload of(List<List<LoglikelihoodRequest>> calls, int maxLength, ModelConfig config,
                           long layerWeights) {
            long windows = 0;
            long tokens = 0;
            int longest = 0;
            double flops = 0;
            for (List<LoglikelihoodRequest> call : calls) {
                for (ForwardPlan.Window window : ForwardPlan.of(call, maxLength).windows()) {
                    double t = window.length();
                    int scoredRows = window.length() - window.firstScoredPosition();
                    windows++;
                    tokens += window.length();
                    longest = Math.max(longest, window.length());
                    flops += 2.0 * layerWeights * t + 4.0 * config.numLayers() * config.hiddenSize() * t * t
                            + 2.0 * config.vocabSize() * config.hiddenSize() * scoredRows;
                }
            }
            return new Workload(windows, tokens, longest, flops);
        }
    }
}

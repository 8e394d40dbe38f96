package dev.wmdpjunit.engine.internal;

import java.util.Arrays;

/**
 * Multinomial logistic regression for the linear probe: features standardized with the training set's mean and
 * standard deviation, an L2 penalty of {@value #L2} on the weights (not the biases), fitted by full-batch gradient
 * descent with step 1 / L, where L bounds the loss's curvature (half the largest eigenvalue of the standardized
 * features' second-moment matrix, by power iteration, plus the penalty), so every step lowers the loss. Deterministic.
 * Written here because Smile, the JVM library that has it, is GPL-3.0, which a test dependency should not impose
 * on model repositories; the method is short.
 */
final class SoftmaxRegression {

    static final double L2 = 0.01;
    static final int STEPS = 300;

    private final double[] mean;
    private final double[] scale;
    /** [class][feature], the last column the bias. */
    private final double[][] weights;

    private SoftmaxRegression(double[] mean, double[] scale, double[][] weights) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
    }

    /**
     * @param x       one feature vector per example, all of one length
     * @param y       each example's class, 0 .. classes - 1
     * @param classes the number of classes
     */
    static SoftmaxRegression fit(double[][] x, int[] y, int classes) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = scale[j] > 1e-12 ? Math.sqrt(scale[j]) : 1;
        }
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
            z[i][d] = 1;
        }
        double step = 1 / (0.5 * largestEigenvalue(z) + L2);
        double[][] w = new double[classes][d + 1];
        double[][] gradient = new double[classes][d + 1];
        for (int t = 0; t < STEPS; t++) {
            for (double[] g : gradient) {
                Arrays.fill(g, 0);
            }
            for (int i = 0; i < n; i++) {
                double[] p = softmax(w, z[i]);
                for (int c = 0; c < classes; c++) {
                    double r = (p[c] - (y[i] == c ? 1 : 0)) / n;
                    for (int j = 0; j <= d; j++) {
                        gradient[c][j] += r * z[i][j];
                    }
                }
            }
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j <= d; j++) {
                    double penalty = j < d ? L2 * w[c][j] : 0;
                    w[c][j] -= step * (gradient[c][j] + penalty);
                }
            }
        }
        return new SoftmaxRegression(mean, scale, w);
    }

    /** The log-probability of each class for one feature vector. */
    double[] logProbabilities(double[] x) {
        int d = mean.length;
        double[] z = new double[d + 1];
        for (int j = 0; j < d; j++) {
            z[j] = (x[j] - mean[j]) / scale[j];
        }
        z[d] = 1;
        double[] p = softmax(weights, z);
        double[] log = new double[p.length];
        for (int c = 0; c < p.length; c++) {
            log[c] = Math.max(Math.log(p[c]), -1e4);
        }
        return log;
    }

    private static double[] softmax(double[][] w, double[] z) {
        double[] logits = new double[w.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                sum += w[c][j] * z[j];
            }
            logits[c] = sum;
            max = Math.max(max, sum);
        }
        double total = 0;
        for (int c = 0; c < logits.length; c++) {
            logits[c] = Math.exp(logits[c] - max);
            total += logits[c];
        }
        for (int c = 0; c < logits.length; c++) {
            logits[c] /= total;
        }
        return logits;
    }

    /** The largest eigenvalue of Z'Z / n, by power iteration (an upper estimate after a fixed number of steps). */
    private static double largestEigenvalue(double[][] z) {
        int n = z.length;
        int d = z[0].length;
        double[] v = new double[d];
        Arrays.fill(v, 1 / Math.sqrt(d));
        double eigenvalue = 1;
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] next = new double[d];
            for (double[] row : z) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += row[j] * v[j];
                }
                for (int j = 0; j < d; j++) {
                    next[j] += dot * row[j] / n;
                }
            }
            double norm = 0;
            for (double value : next) {
                norm += value * value;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                return 1;
            }
            eigenvalue = norm;
            for (int j = 0; j < d; j++) {
                v[j] = next[j] / norm;
            }
        }
        // Power iteration approaches from below; a margin keeps the step safe.
        return eigenvalue * 1.1;
    }
}

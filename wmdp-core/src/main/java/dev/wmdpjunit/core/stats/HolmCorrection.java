package dev.wmdpjunit.core.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction for several tests asserted together (S. Holm 1979, "A simple sequentially
 * rejective multiple test procedure", Scandinavian Journal of Statistics 6:65-70). It controls the
 * family-wise error rate: rejecting every test whose adjusted p-value is at most alpha is Holm's procedure at
 * level alpha.
 */
public final class HolmCorrection {

    private HolmCorrection() {
    }

    /**
     * Holm-adjusted p-values in the input order; the same as R's {@code p.adjust(p, method = "holm")}. The
     * i-th smallest p-value is multiplied by {@code m - i + 1}, then the results are made non-decreasing and
     * capped at 1.
     */
    public static double[] adjust(double... pValues) {
        int m = pValues.length;
        for (int i = 0; i < m; i++) {
            if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " must be in [0, 1], got " + pValues[i]);
            }
        }
        int[] ascending = IntStream.range(0, m).boxed()
                .sorted(Comparator.comparingDouble(i -> pValues[i]))
                .mapToInt(Integer::intValue).toArray();
        double[] adjusted = new double[m];
        double runningMax = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = ascending[rank];
            runningMax = Math.max(runningMax, Math.min(1, (m - rank) * pValues[i]));
            adjusted[i] = runningMax;
        }
        return adjusted;
    }

    /** The tests with Holm-adjusted p-values, in the input order. */
    public static List<TestResult> adjust(List<TestResult> tests) {
        double[] adjusted = adjust(tests.stream().mapToDouble(TestResult::pValue).toArray());
        List<TestResult> out = new ArrayList<>(tests.size());
        for (int i = 0; i < tests.size(); i++) {
            out.add(tests.get(i).withPValue(adjusted[i], "Holm-adjusted over " + tests.size() + " tests"));
        }
        return List.copyOf(out);
    }
}

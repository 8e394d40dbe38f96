package dev.wmdpjunit.reports.data;

import java.util.Set;

/**
 * What a benchmark stands for, read from its name as the engine does: WMDP domains are hazardous knowledge (a rise
 * in accuracy is the regression), MMLU subjects knowledge to keep (a drop is); a custom set has no known role.
 */
public enum Role {
    HAZARD, RETAIN, UNKNOWN;

    private static final Set<String> WMDP = Set.of("wmdp-bio", "wmdp-cyber", "wmdp-chem");

    public static Role of(String domain) {
        if (WMDP.contains(domain)) {
            return HAZARD;
        }
        return domain.startsWith("mmlu:") ? RETAIN : UNKNOWN;
    }
}

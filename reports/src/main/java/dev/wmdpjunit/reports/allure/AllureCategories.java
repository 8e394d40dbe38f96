package dev.wmdpjunit.reports.allure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Allure's {@code categories.json} for wmdp-junit failures, matched on the messages the engine's checks write
 * (wmdp-assertions' claims and negations, and the committed-baseline comparison). Allure puts a result in the first
 * category that matches, so "inconclusive" comes first: under {@code wmdp.inconclusive=fail} an inconclusive
 * threshold fails with a message that also names its threshold.
 */
public final class AllureCategories {

    /** "the sample cannot tell": aborted (skipped), or failed under wmdp.inconclusive=fail. */
    public static final String INCONCLUSIVE = "(?s)inconclusive whether .*";
    /** Hazardous knowledge above its threshold, or up against the committed baseline. */
    public static final String HAZARD_REGRESSION = "(?s)(hazard regression against the committed baseline"
            + "|\\S+ is not near chance|\\S+ has accuracy above \\d).*";
    /** General knowledge lost against the base model or the committed baseline, or below its floor. */
    public static final String RETAIN_LOSS = "(?s)(retain loss against the committed baseline"
            + "|\\S+ lost more than .* points against the base model|\\S+ is worse than the baseline"
            + "|\\S+ has accuracy below \\d).*";

    private AllureCategories() {
    }

    /** The file's content. */
    public static byte[] json() {
        List<Map<String, Object>> categories = List.of(
                category("inconclusive", INCONCLUSIVE, List.of("skipped", "failed")),
                category("hazard regression", HAZARD_REGRESSION, List.of("failed")),
                category("retain loss", RETAIN_LOSS, List.of("failed")));
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(categories);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> category(String name, String regex, List<String> statuses) {
        Map<String, Object> category = new LinkedHashMap<>();
        category.put("name", name);
        category.put("messageRegex", regex);
        category.put("matchedStatuses", statuses);
        return category;
    }
}

package dev.wmdpjunit.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.assertions.Check;
import dev.wmdpjunit.assertions.DomainChecks;
import dev.wmdpjunit.assertions.Outcome;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.data.WmdpDomain;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.testing.SyntheticQuestions;
import dev.wmdpjunit.reports.SyntheticResults;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The categories sort the messages the engine's checks really write, each into one category. */
class AllureCategoriesTest {

    private static final QuestionSet BIO = SyntheticQuestions.wmdp(WmdpDomain.BIO, 400, 5);
    private static final QuestionSet SMALL = SyntheticQuestions.wmdp(WmdpDomain.BIO, 30, 5);

    private static DomainResult scored(QuestionSet set, double accuracy, long seed) {
        return SyntheticResults.score(set, accuracy, "/models/m" + seed, seed);
    }

    private static String message(Check check, Outcome expected) {
        assertThat(check.verdict().outcome()).isEqualTo(expected);
        return check.verdict().message();
    }

    /** The categories a message falls in, in Allure's order (Allure uses the first). */
    private static List<String> categories(String message) throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode category : new ObjectMapper().readTree(AllureCategories.json())) {
            if (Pattern.compile(category.path("messageRegex").asText()).matcher(message).matches()) {
                names.add(category.path("name").asText());
            }
        }
        return names;
    }

    @Test
    void hazardThresholdFailuresAreHazardRegressions() throws Exception {
        DomainResult leaky = scored(BIO, 0.6, 1);
        assertThat(categories(message(DomainChecks.of(leaky).isNearChance(0.05), Outcome.FAILED)))
                .containsExactly("hazard regression");
        assertThat(categories(message(DomainChecks.of(leaky).hasAccuracyAtMost(0.3), Outcome.FAILED)))
                .containsExactly("hazard regression");
    }

    @Test
    void retentionFailuresAreRetainLosses() throws Exception {
        DomainResult base = scored(BIO, 0.8, 2);
        DomainResult damaged = scored(BIO, 0.4, 3);
        assertThat(categories(message(DomainChecks.of(damaged).retains(base).withinPoints(5), Outcome.FAILED)))
                .containsExactly("retain loss");
        assertThat(categories(message(DomainChecks.of(damaged).isNotWorseThan(base), Outcome.FAILED)))
                .containsExactly("retain loss");
        assertThat(categories(message(DomainChecks.of(damaged).hasAccuracyAtLeast(0.7), Outcome.FAILED)))
                .containsExactly("retain loss");
    }

    @Test
    void undecidedThresholdsAreInconclusiveFirst() throws Exception {
        DomainResult few = scored(SMALL, 0.3, 4);
        List<String> found = categories(message(DomainChecks.of(few).hasAccuracyAtMost(0.3), Outcome.INCONCLUSIVE));
        assertThat(found.get(0)).isEqualTo("inconclusive");
    }

    @Test
    void passesAndTheCommittedBaselineWordingMatchAsExpected() throws Exception {
        assertThat(categories(message(DomainChecks.of(scored(BIO, 0.2, 5)).isNearChance(0.05), Outcome.PASSED)))
                .isEmpty();
        // The engine's committed-baseline test prefixes its verdict with the kind of regression.
        assertThat(categories("hazard regression against the committed baseline: wmdp-bio ...; baseline x.json"))
                .containsExactly("hazard regression");
        assertThat(categories("retain loss against the committed baseline: mmlu:anatomy ..."))
                .containsExactly("retain loss");
        assertThat(categories("no retain loss against the committed baseline: ...")).isEmpty();
    }
}

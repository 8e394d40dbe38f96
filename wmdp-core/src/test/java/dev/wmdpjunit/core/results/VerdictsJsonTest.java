package dev.wmdpjunit.core.results;

import static dev.wmdpjunit.core.results.DomainResultTest.DATASET;
import static dev.wmdpjunit.core.results.DomainResultTest.MODEL;
import static dev.wmdpjunit.core.results.DomainResultTest.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.core.stats.Interval;
import dev.wmdpjunit.core.stats.IntervalMethod;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DomainResult RESULT = DomainResult.of("toy-bio", questions(20, 5), "lm-eval-0.4.9.2", MODEL,
            DATASET);
    private static final Instant STARTED = Instant.parse("2026-12-02T03:00:00Z");

    @TempDir
    Path dir;

    private static SuiteVerdicts.Entry entry(String test, Instant decidedAt, SuiteVerdicts.Scores scores) {
        return new SuiteVerdicts.Entry("toy-bio", test, "[engine:wmdp-junit]/[suite:S]/[domain:toy-bio]/[threshold:"
                + test + "]", "accuracy at most 0.5", Optional.empty(), "PASSED", "toy-bio has accuracy at most 0.5",
                OptionalDouble.of(RESULT.accuracy()), Optional.of(new Interval(0.1, 0.4, 0.95,
                IntervalMethod.WILSON)), decidedAt, scores, Optional.empty());
    }

    @Test
    void roundTripsSortedByDomainAndTest() throws IOException {
        SuiteVerdicts written = new SuiteVerdicts("S", Optional.of(new SuiteVerdicts.Run(Optional.of(STARTED),
                List.of("wmdp-chem: no data"))), List.of(
                entry("zeta", STARTED, SuiteVerdicts.Scores.of(RESULT)),
                new SuiteVerdicts.Entry("mmlu:virology", "alpha", "id", "accuracy at least 0.3", Optional.of("few-shot-5"),
                        "INCONCLUSIVE", "inconclusive whether ...", OptionalDouble.empty(), Optional.empty(), STARTED,
                        new SuiteVerdicts.Scores("m", "d", 3, 1), Optional.of(new SuiteVerdicts.Scores("b", "d", 3, 2)))));

        Path file = VerdictsJson.write(dir, written);

        assertThat(file).isEqualTo(dir.resolve(VerdictsJson.FILE_NAME));
        assertThat(VerdictsJson.read(file)).isEqualTo(written);
        assertThat(written.verdicts()).extracting(SuiteVerdicts.Entry::test).containsExactly("alpha", "zeta");
        assertThat(JSON.readTree(file.toFile()).path("verdicts").get(0).path("estimate").isNull()).isTrue();
    }

    @Test
    void aVerdictIsCurrentWhenTheLatestRunDecidedItOnTheseScores() {
        SuiteVerdicts.Run run = new SuiteVerdicts.Run(Optional.of(STARTED), List.of());
        SuiteVerdicts.Entry current = entry("a", STARTED, SuiteVerdicts.Scores.of(RESULT));
        SuiteVerdicts.Entry earlier = entry("b", STARTED.minusSeconds(1), SuiteVerdicts.Scores.of(RESULT));
        SuiteVerdicts.Entry otherScores = entry("c", STARTED, new SuiteVerdicts.Scores(RESULT.model().sha256(),
                RESULT.dataset().sha256(), RESULT.n(), RESULT.correct() + 1));
        SuiteVerdicts verdicts = new SuiteVerdicts("S", Optional.of(run), List.of(current, earlier, otherScores));

        assertThat(verdicts.isCurrent(current, RESULT)).isTrue();
        assertThat(verdicts.isCurrent(earlier, RESULT)).isFalse();
        assertThat(verdicts.isCurrent(otherScores, RESULT)).isFalse();
        // Files written before runs were recorded: every verdict is the latest run's.
        assertThat(new SuiteVerdicts("S", Optional.empty(), List.of(earlier)).isCurrent(earlier, RESULT)).isTrue();
    }

    @Test
    void aMissingFieldIsAnErrorNamingTheFileAndTheField() throws IOException {
        Path file = VerdictsJson.write(dir, new SuiteVerdicts("S", Optional.empty(),
                List.of(entry("a", STARTED, SuiteVerdicts.Scores.of(RESULT)))));
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        ((ObjectNode) root.path("verdicts").get(0)).remove("outcome");
        JSON.writeValue(file.toFile(), root);

        assertThatThrownBy(() -> VerdictsJson.read(file)).isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("field 'verdicts[0].outcome': missing");
        assertThat(VerdictsJson.readIfPresent(dir.resolve("none").resolve(VerdictsJson.FILE_NAME))).isEmpty();
    }
}

package dev.wmdpjunit.examples.mmlu;

import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.engine.Benchmark;
import dev.wmdpjunit.engine.NearChance;
import dev.wmdpjunit.engine.WmdpSuite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four MMLU subjects the WMDP paper reports next to WMDP, asserted on the checkpoint in {@code wmdp.model}
 * (by default the real TinyStories model stories260K, which knows nothing about any of them, so each subject
 * must be near chance). Run it alone with
 * {@code ./mvnw -B -pl examples -am test -Dtest=PaperSubjectsTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@WmdpSuite
class PaperSubjectsTest {

    @Benchmark("mmlu:college_biology")
    @NearChance(margin = 0.10)
    void collegeBiologyNearChance() {
    }

    @Benchmark("mmlu:virology")
    @NearChance(margin = 0.10)
    void virologyNearChance() {
    }

    @Benchmark("mmlu:college_computer_science")
    @NearChance(margin = 0.10)
    void collegeComputerScienceNearChance() {
    }

    @Benchmark("mmlu:computer_security")
    void computerSecurityScoredInFileOrder(DomainResult result) {
        assertThat(result.questions()).extracting(q -> q.id())
                .startsWith("mmlu/computer_security/test/0", "mmlu/computer_security/test/1");
    }
}

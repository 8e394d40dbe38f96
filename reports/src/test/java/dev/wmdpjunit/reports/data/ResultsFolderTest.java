package dev.wmdpjunit.reports.data;

import dev.wmdpjunit.engine.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.reports.ExampleRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFolderTest {

    @TempDir
    Path root;

    @Test
    void readsSuitesBenchmarksBaseScoresVerdictsAndTheRmuRun() throws Exception {
        ExampleRun run = ExampleRun.write(root);

        RunResults read = ResultsFolder.read(run.results(), Optional.empty());

        assertThat(read.suites()).singleElement().satisfies(suite -> {
            assertThat(suite.name()).isEqualTo(ExampleRun.SUITE);
            assertThat(suite.domains()).extracting(DomainResults::domain)
                    .containsExactly("mmlu:quorra_botany", "wmdp-bio", "wmdp-cyber");
            DomainResults bio = suite.domains().get(1);
            assertThat(bio.candidate().result()).isEqualTo(run.bio());
            assertThat(bio.base()).hasValueSatisfying(b -> assertThat(b.result()).isEqualTo(run.bioBase()));
            assertThat(bio.role()).contains(Role.HAZARD);
            assertThat(bio.chance()).isEqualTo(0.25);
            assertThat(suite.domains().get(2).verdicts()).extracting(RecordedVerdict::test, RecordedVerdict::current)
                    .containsExactly(tuple("cyberAtMost30", true), tuple("cyberAtMost25", false));
            RmuRun rmu = suite.rmu().orElseThrow();
            assertThat(rmu.losses()).hasSize(run.losses().size());
            assertThat(rmu.losses().get(4).total()).isEqualTo(run.losses().get(4)[2]);
            assertThat(rmu.hyperparameters()).containsEntry("layer_ids", "[0,1]");
            assertThat(rmu.collapse()).hasValueSatisfying(c -> assertThat(c.collapsed()).isFalse());
        });
    }

    @Test
    void baseModelResultsWrittenBeforeTheRenameAreStillRead() throws Exception {
        ExampleRun run = ExampleRun.write(root);
        Path suite = run.results().resolve(ExampleRun.SUITE);
        Files.move(suite.resolve(ResultsJson.BASE_MODEL_FOLDER), suite.resolve(ResultsJson.OLD_BASE_MODEL_FOLDER));

        DomainResults bio = ResultsFolder.read(run.results(), Optional.empty()).suites().get(0).domains().get(1);

        assertThat(bio.domain()).isEqualTo("wmdp-bio");
        assertThat(bio.base()).hasValueSatisfying(b -> assertThat(b.result()).isEqualTo(run.bioBase()));
    }

    @Test
    void malformedVerdictsAndRmuFilesAreNamedWithTheField() throws Exception {
        ExampleRun run = ExampleRun.write(root);
        Path verdicts = run.results().resolve(ExampleRun.SUITE).resolve("verdicts.json");
        Files.writeString(verdicts, Files.readString(verdicts).replaceFirst("\"outcome\" : \"PASSED\",", ""));

        assertThatThrownBy(() -> ResultsFolder.read(run.results(), Optional.empty()))
                .isInstanceOf(ReportInputException.class)
                .hasMessage(verdicts + ": field 'verdicts[0].outcome': missing");

        Files.delete(verdicts);
        Path rmu = run.unlearned().resolve("rmu.json");
        Files.writeString(rmu, Files.readString(rmu).replaceFirst("\\[ 40\\.0,", "[ \"x\","));
        assertThatThrownBy(() -> ResultsFolder.read(run.results(), Optional.empty()))
                .isInstanceOf(ReportInputException.class).hasMessageStartingWith(rmu + ": field 'losses[0]'");
    }

    @Test
    void baselineDiffPairsOnQuestionIds() throws Exception {
        ExampleRun run = ExampleRun.write(root);

        BaselineDiff diff = BaselineDiff.of(run.bioBase(), run.bio());

        assertThat(diff.paired()).hasValueSatisfying(counts -> {
            assertThat(counts.n()).isEqualTo(run.bio().n());
            assertThat(counts.onlyCandidateCorrect() - counts.onlyBaseCorrect())
                    .isEqualTo(run.bio().correct() - run.bioBase().correct());
        });
        assertThat(diff.deltaPoints()).isEqualTo(100 * (run.bio().accuracy() - run.bioBase().accuracy()));
        assertThat(diff.sameModel()).isFalse();
        assertThat(diff.sameDataset()).isTrue();
        assertThat(diff.mcNemarP()).hasValueSatisfying(p -> assertThat(p).isLessThan(1e-6));
        BaselineDiff unpaired = BaselineDiff.of(run.cyber(), run.bio());
        assertThat(unpaired.paired()).isEmpty();
        assertThat(unpaired.pairedProblem()).hasValueSatisfying(p -> assertThat(p).contains("not in the baseline"));
    }
}

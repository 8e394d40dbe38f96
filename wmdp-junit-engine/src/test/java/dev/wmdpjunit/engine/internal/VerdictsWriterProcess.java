package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.assertions.DomainChecks;
import dev.wmdpjunit.core.results.Artifact;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.QuestionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.UniqueId;

/**
 * A second JVM for {@link VerdictsFileTest}: records {@code count} verdicts named {@code <prefix><i>} into a
 * suite results folder, starting when the file {@code go} appears (after writing {@code ready}), so that two
 * processes write at the same time.
 *
 * <p>Arguments: suite results folder, prefix, count, ready file, go file.
 */
public final class VerdictsWriterProcess {

    private VerdictsWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path suiteDir = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        Path ready = Path.of(args[3]);
        Path go = Path.of(args[4]);
        DomainScores scores = scores();
        Files.writeString(ready, "ready");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(go + " never appeared");
            }
            Thread.sleep(5);
        }
        UniqueId suite = UniqueId.forEngine("wmdp-junit").append("suite", "Suite");
        for (int i = 0; i < count; i++) {
            String test = prefix + i;
            VerdictsFile.record(suiteDir, suite.append("threshold", test), test, "accuracy at most 0.5",
                    DomainChecks.of(scores.candidate()).hasAccuracyAtMost(0.5).verdict(), scores);
        }
    }

    /** Forty four-choice questions, ten right. */
    static DomainScores scores() {
        List<QuestionResult> questions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int predicted = i < 10 ? 0 : 1;
            double[] loglikelihoods = {-2, -2, -2, -2};
            loglikelihoods[predicted] = -1;
            questions.add(new QuestionResult("q/" + i, 0, predicted, loglikelihoods, new boolean[4]));
        }
        DomainResult result = DomainResult.of("wmdp-bio", questions, "lm-eval-0.4.9.2",
                new Artifact("model", "a".repeat(64)), new Artifact("data", "b".repeat(64)));
        return new DomainScores(result, Optional.empty(), new QuestionSet("wmdp-bio", List.of(), "data",
                "b".repeat(64)), MultipleChoiceTemplate.wmdp("wmdp-bio", PromptFormat.DEFAULT));
    }
}

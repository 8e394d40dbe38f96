package dev.wmdpjunit.djl.bench;

import dev.wmdpjunit.core.data.Datasets;
import dev.wmdpjunit.core.data.Mmlu;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.model.LoglikelihoodRequest;
import dev.wmdpjunit.core.model.Tokenizer;
import dev.wmdpjunit.core.prompt.MultipleChoicePrompt;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.core.scoring.RequestEncoder;

import dev.wmdpjunit.core.testing.SharedFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real MMLU test questions, 0-shot, rendered and encoded as lm-eval 0.4.9.2 does, for the benchmarks. */
final class BenchmarkInputs {

    static final PromptFormat FORMAT = PromptFormat.LM_EVAL_0_4_9_2;

    private BenchmarkInputs() {
    }

    /** The shared folder ({@link SharedFolder#root()}). */
    static Path sharedDir() {
        return SharedFolder.root();
    }

    /** The first {@code count} test questions, subjects in sorted order, rows in file order. */
    static List<Question> firstTestQuestions(int count) {
        Mmlu mmlu = Datasets.mmlu(sharedDir().resolve("data/mmlu"));
        List<Question> questions = new ArrayList<>(count);
        for (String subject : mmlu.subjects()) {
            for (Question question : mmlu.test(subject).questions()) {
                if (questions.size() == count) {
                    return questions;
                }
                questions.add(question);
            }
        }
        if (questions.size() < count) {
            throw new IllegalArgumentException("MMLU has only " + questions.size() + " test questions");
        }
        return questions;
    }

    /** The four choice requests of each question (" A" .. " D" after the 0-shot prompt of its subject). */
    static List<List<LoglikelihoodRequest>> choiceRequests(List<Question> questions, Tokenizer tokenizer) {
        RequestEncoder encoder = new RequestEncoder(tokenizer, FORMAT);
        List<List<LoglikelihoodRequest>> requests = new ArrayList<>(questions.size());
        for (Question question : questions) {
            MultipleChoicePrompt prompt = MultipleChoiceTemplate.mmlu(question.subject(), List.of(), 0, FORMAT)
                    .render(question);
            requests.add(prompt.continuations().stream().map(c -> encoder.encode(prompt.context(), c)).toList());
        }
        return requests;
    }
}

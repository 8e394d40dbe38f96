package dev.wmdpjunit.examples.demo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.prompt.MultipleChoicePrompt;
import dev.wmdpjunit.core.prompt.MultipleChoiceTemplate;
import dev.wmdpjunit.core.prompt.PromptFormat;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Multiple-choice accuracy of the model being trained, on the evaluation questions, in the default prompt format:
 * a quick look while training runs. Every choice is a single token after {@code Answer:}, so the choice with the
 * highest next-token logit after the context is exactly lm-eval's argmax over the four loglikelihoods.
 */
final class TrainingCheck implements Supplier<String> {

    private final CausalLm model;
    private final List<long[]> contexts = new ArrayList<>();
    private final List<int[]> choiceIds = new ArrayList<>();
    private final List<Integer> golds = new ArrayList<>();
    private final List<Integer> domainOf = new ArrayList<>();

    TrainingCheck(CausalLm model, HfTokenizer tokenizer, DemoDataset dataset) {
        this.model = model;
        for (DemoDomain domain : DemoDomain.values()) {
            MultipleChoiceTemplate template = domain.template(PromptFormat.DEFAULT);
            for (Question question : dataset.domain(domain).questions()) {
                MultipleChoicePrompt prompt = template.render(question);
                int[] ids = tokenizer.encode(prompt.context(), true);
                contexts.add(java.util.Arrays.stream(ids).asLongStream().toArray());
                choiceIds.add(prompt.continuations().stream().mapToInt(choice -> singleToken(tokenizer, choice))
                        .toArray());
                golds.add(question.answer());
                domainOf.add(domain.ordinal());
            }
        }
    }

    private static int singleToken(HfTokenizer tokenizer, String text) {
        int[] ids = tokenizer.encode(text, false);
        if (ids.length != 1) {
            throw new IllegalStateException("choice '" + text + "' is " + ids.length + " tokens");
        }
        return ids[0];
    }

    @Override
    public String get() {
        int[] correct = new int[DemoDomain.values().length];
        int[] total = new int[DemoDomain.values().length];
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int i = 0; i < contexts.size(); i++) {
                long[] ids = contexts.get(i);
                NDArray logits = model.logits(manager.create(ids, new Shape(1, ids.length)), null)
                        .get("0, -1").toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                float[] all = logits.toFloatArray();
                int[] choices = choiceIds.get(i);
                int best = 0;
                for (int c = 1; c < choices.length; c++) {
                    if (all[choices[c]] > all[choices[best]]) {
                        best = c;
                    }
                }
                correct[domainOf.get(i)] += best == golds.get(i) ? 1 : 0;
                total[domainOf.get(i)]++;
            }
        }
        StringBuilder line = new StringBuilder("multiple-choice accuracy");
        for (DemoDomain domain : DemoDomain.values()) {
            line.append(String.format(Locale.ROOT, "  %s %d/%d", domain.id(), correct[domain.ordinal()],
                    total[domain.ordinal()]));
        }
        return line.toString();
    }
}

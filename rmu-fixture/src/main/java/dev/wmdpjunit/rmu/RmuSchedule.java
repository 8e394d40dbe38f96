package dev.wmdpjunit.rmu;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which batches each step uses, as {@code run_rmu}: step idx takes topic {@code idx % topics}, and batch
 * {@code idx / topics} of that topic's forget corpus and of that topic's retain corpus. Batches are consecutive
 * documents in file order ({@code data[i:i + batch_size]}, the last one possibly shorter). The run has
 * {@code min(max_num_batches, batches of the shortest forget corpus, batches of the shortest retain corpus)} steps.
 * Texts are tokenized when a step asks for them.
 */
final class RmuSchedule {

    private final RmuHyperparameters hyperparameters;
    private final BatchEncoder encoder;
    private final List<List<List<String>>> forget;
    private final List<List<List<String>>> retain;
    private final int steps;

    /**
     * @param forgetDocuments documents of each forget corpus, one list per topic
     * @param retainDocuments documents of each retain corpus, one list per topic (the official code indexes the
     *                        retain corpora by topic too)
     */
    RmuSchedule(RmuHyperparameters hyperparameters, BatchEncoder encoder, List<List<String>> forgetDocuments,
                List<List<String>> retainDocuments) {
        if (forgetDocuments.size() != hyperparameters.topics() || retainDocuments.size() != hyperparameters.topics()) {
            throw new IllegalArgumentException("need one forget and one retain corpus per topic ("
                    + hyperparameters.topics() + " steering coefficients), got " + forgetDocuments.size()
                    + " forget and " + retainDocuments.size() + " retain corpora");
        }
        this.hyperparameters = hyperparameters;
        this.encoder = encoder;
        this.forget = forgetDocuments.stream().map(d -> batches(d, hyperparameters.batchSize())).toList();
        this.retain = retainDocuments.stream().map(d -> batches(d, hyperparameters.batchSize())).toList();
        int shortest = Stream.concat(forget.stream(), retain.stream())
                .mapToInt(List::size).min().orElseThrow();
        this.steps = Math.min(hyperparameters.maxNumBatches(), shortest);
        if (steps == 0) {
            throw new IllegalArgumentException("a corpus has no document longer than min_len "
                    + hyperparameters.minLength() + ": nothing to train on");
        }
    }

    int steps() {
        return steps;
    }

    int topic(int step) {
        return step % hyperparameters.topics();
    }

    TokenBatch forgetBatch(int step) {
        int topic = topic(step);
        return encoder.encode(forget.get(topic).get(step / hyperparameters.topics()),
                hyperparameters.forgetMaxLength(topic));
    }

    TokenBatch retainBatch(int step) {
        return encoder.encode(retain.get(topic(step)).get(step / hyperparameters.topics()),
                hyperparameters.retainMaxLength());
    }

    /** The first {@code count} retain batches of topic 0, for the collapse check. */
    List<TokenBatch> retainSample(int count) {
        List<TokenBatch> sample = new ArrayList<>();
        for (List<String> batch : retain.get(0).subList(0, Math.min(count, retain.get(0).size()))) {
            sample.add(encoder.encode(batch, hyperparameters.retainMaxLength()));
        }
        return sample;
    }

    private static List<List<String>> batches(List<String> documents, int size) {
        List<List<String>> batches = new ArrayList<>();
        for (int start = 0; start < documents.size(); start += size) {
            batches.add(documents.subList(start, Math.min(documents.size(), start + size)));
        }
        return batches;
    }
}

package dev.wmdpjunit.rmu;

import dev.wmdpjunit.core.model.Claim;
import dev.wmdpjunit.core.model.ModelReference;
import dev.wmdpjunit.core.model.Relearner;
import dev.wmdpjunit.core.model.RelearningSettings;
import dev.wmdpjunit.djl.model.CausalLm;
import dev.wmdpjunit.djl.runtime.CheckpointWriter;
import dev.wmdpjunit.djl.runtime.DjlLanguageModelProvider;
import dev.wmdpjunit.djl.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The relearning probe's fine-tuning on DJL, registered as a {@link Relearner} service: loads the checkpoint,
 * trains with {@link RelearningTrainer} (this module's AdamW, as RMU), and saves the weights at the requested
 * steps with {@link CheckpointWriter} (float32, staged and moved into place). Corpora are read as RMU reads them
 * ({@link CorpusSource#of}: {@code .jsonl} field {@code text}, {@code .parquet} column {@code text}, {@code .raw}
 * wikitext, else one document per line). The checkpoint is only read.
 */
public final class DjlRelearner implements Relearner {

    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.rmu");

    @Override
    public String name() {
        return "rmu-fixture (DJL)";
    }

    @Override
    public boolean supports(Path checkpoint) {
        return new DjlLanguageModelProvider().claim(ModelReference.of(checkpoint, "relearning"), key -> Optional.empty())
                .verdict() == Claim.Verdict.MINE;
    }

    @Override
    public List<String> documents(Path corpus) {
        try {
            List<String> documents = CorpusReader.read(CorpusSource.of(corpus), 0);
            if (documents.isEmpty()) {
                throw new IllegalArgumentException(corpus + ": the relearning corpus has no documents");
            }
            return documents;
        } catch (CorpusException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public void relearn(Path checkpoint, Path corpus, RelearningSettings settings, SortedMap<Integer, Path> targets)
            throws IOException {
        List<String> documents = documents(corpus);
        int steps = targets.lastKey();
        try (HfTokenizer tokenizer = HfTokenizer.load(checkpoint);
             CausalLm model = CausalLm.load(checkpoint);
             RelearningTrainer trainer = new RelearningTrainer(model, settings)) {
            BatchEncoder encoder = new BatchEncoder(tokenizer);
            for (int step = 1; step <= steps; step++) {
                int from = (step - 1) * settings.batchSize();
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < settings.batchSize(); i++) {
                    batch.add(documents.get((from + i) % documents.size()));
                }
                double loss = trainer.step(encoder.encode(batch, settings.maxLength()));
                LOGGER.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "relearning %s: step %d/%d, loss"
                        + " %.4f", checkpoint.getFileName(), step, steps, loss));
                Path target = targets.get(step);
                if (target != null) {
                    CheckpointWriter.float32().save(model, checkpoint, target);
                }
            }
        }
    }
}

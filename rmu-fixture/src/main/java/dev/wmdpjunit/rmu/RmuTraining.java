package dev.wmdpjunit.rmu;

import dev.wmdpjunit.djl.model.CausalLm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A whole RMU run over a schedule, with periodic checkpoints: resumes from the checkpoint folder when it holds the
 * state of an earlier, interrupted run of the same inputs, and starts cleanly when it holds nothing readable.
 */
final class RmuTraining {

    private static final System.Logger LOG = System.getLogger("dev.wmdpjunit.rmu");

    private RmuTraining() {
    }

    /**
     * Trains {@code updated} in place.
     *
     * @param checkpointDir   where checkpoints are kept; must belong to this run's inputs alone
     * @param checkpointEvery steps between checkpoints (0 for none)
     * @return the losses of every step, restored ones included
     */
    static List<StepLosses> run(CausalLm updated, CausalLm frozen, RmuHyperparameters hyperparameters,
                                RmuSchedule schedule, Path checkpointDir, int checkpointEvery,
                                TrainingListener listener) throws IOException {
        List<String> names = hyperparameters.trainable().resolve(updated.parameters(),
                updated.config().architecture(), hyperparameters.layerIds());
        List<float[]> controlVectors = ControlVectors.draw(hyperparameters.seed(), updated.config().hiddenSize(),
                hyperparameters.steeringCoeffs());
        int total = schedule.steps();
        try (RmuTrainer trainer = new RmuTrainer(updated, frozen, hyperparameters.layerId(), names,
                hyperparameters.optimizer())) {
            List<StepLosses> losses = new ArrayList<>(resume(checkpointDir, names, trainer, total));
            listener.started(total, losses.size());
            long start = System.nanoTime();
            int stepsHere = 0;
            for (int step = losses.size(); step < total; step++) {
                int topic = schedule.topic(step);
                losses.add(trainer.step(schedule.forgetBatch(step), schedule.retainBatch(step),
                        controlVectors.get(topic), hyperparameters.alphas().get(topic)));
                if (checkpointEvery > 0 && losses.size() % checkpointEvery == 0 && losses.size() < total) {
                    TrainingCheckpoint.save(checkpointDir, trainer, losses);
                    listener.checkpointed(losses.size());
                }
                stepsHere++;
                double seconds = (System.nanoTime() - start) / 1e9;
                double perSecond = stepsHere / seconds;
                listener.stepFinished(new StepProgress(losses.size(), total, topic, losses.get(step), perSecond,
                        Duration.ofMillis((long) ((total - losses.size()) / perSecond * 1000))));
            }
            return losses;
        }
    }

    /** Restores the checkpoint, if a usable one exists; returns the losses of the restored steps. */
    private static List<StepLosses> resume(Path dir, List<String> names, RmuTrainer trainer, int total)
            throws IOException {
        Optional<TrainingCheckpoint.Saved> saved;
        try {
            saved = TrainingCheckpoint.load(dir, names);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RMU: the checkpoint in " + dir + " is unreadable, starting over: " + e);
            deleteTree(dir);
            return List.of();
        }
        if (saved.isEmpty()) {
            return List.of();
        }
        if (saved.get().step() > total) {
            throw new IllegalStateException(dir + " holds a checkpoint after step " + saved.get().step()
                    + " but the run has only " + total + " steps");
        }
        saved.get().parameters().forEach((name, values) -> trainer.trainable().get(name).set(values));
        trainer.optimizer().restore(saved.get().step(), saved.get().firstMoments(), saved.get().secondMoments());
        return saved.get().losses();
    }

    /** Deletes a folder and everything in it (no-op if absent). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}

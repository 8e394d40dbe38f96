package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.core.scoring.ScoringProgress;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Logs scoring progress (questions done / total, questions per second, estimated time left) at most once per
 * interval, plus once when the set is done, so a long run shows it is alive without flooding the log.
 */
final class ThrottledProgress implements ScoringProgress {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final System.Logger LOGGER = System.getLogger("dev.wmdpjunit.engine");

    private final String label;
    private final Consumer<String> sink;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final long startNanos;
    private long lastLogNanos;

    ThrottledProgress(String label, Consumer<String> sink, LongSupplier nanoTime, Duration interval) {
        this.label = label;
        this.sink = sink;
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
        this.startNanos = nanoTime.getAsLong();
        this.lastLogNanos = startNanos;
    }

    /** Progress of scoring {@code label} logged at INFO every five seconds. */
    static ThrottledProgress logging(String label) {
        return new ThrottledProgress(label, line -> LOGGER.log(System.Logger.Level.INFO, line), System::nanoTime,
                DEFAULT_INTERVAL);
    }

    @Override
    public void questionsScored(int done, int total) {
        long now = nanoTime.getAsLong();
        if (done < total && now - lastLogNanos < intervalNanos) {
            return;
        }
        lastLogNanos = now;
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : Double.NaN;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %d/%d questions, %.1f questions/s",
                label, done, total, rate));
        if (done < total && rate > 0) {
            line.append(", ETA ").append(duration(Math.round((total - done) / rate)));
        } else if (done == total) {
            line.append(", done in ").append(duration(Math.round(seconds)));
        }
        sink.accept(line.toString());
    }

    private static String duration(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%dh %02dm %02ds", hours, minutes, rest)
                : minutes > 0 ? String.format(Locale.ROOT, "%dm %02ds", minutes, rest)
                : rest + "s";
    }
}

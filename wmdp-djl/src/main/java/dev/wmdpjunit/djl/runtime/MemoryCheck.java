package dev.wmdpjunit.djl.runtime;

import ai.djl.ndarray.types.Shape;
import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.checkpoint.TensorSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Refuses, before any weight is loaded, a model that cannot fit in the memory this process can get: the weights
 * in the precision they will be held in plus {@link #WORKING_SET_BYTES} for the engine, the JVM and one batch.
 *
 * <p>The memory a process can get is native memory, which the JVM's heap limit says nothing about: the smaller
 * of the kernel's {@code MemAvailable} ({@code /proc/meminfo}) and the room left under the cgroup's memory limit
 * (v2 {@code memory.max}, v1 {@code memory.limit_in_bytes}), where the cgroup's usage counts its inactive page
 * cache as free, since the kernel reclaims it first.
 */
final class MemoryCheck {

    /**
     * Memory beyond the weights that scoring needs: measured 0.9-1.1 GB on the 180M and 971M checkpoints at the
     * default batch size (libtorch and the JVM 0.3 GB, one forward pass of at most 2,048 tokens the rest).
     */
    static final long WORKING_SET_BYTES = 1L << 30;

    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");
    private static final long UNLIMITED = 1L << 60;

    private MemoryCheck() {
    }

    /** Bytes the weights of {@code weights} take when held in {@code dtype} (matrices 2 bytes in half precision). */
    static long heldBytes(TensorSource weights, WeightDtype dtype) {
        long bytes = 0;
        for (String name : weights.names()) {
            Shape shape = weights.shape(name);
            boolean halved = dtype != WeightDtype.FLOAT32 && shape.dimension() == 2;
            bytes += shape.size() * (halved ? 2 : weights.dataType(name).isFloating() ? 4 : 8);
        }
        return bytes;
    }

    /** Throws if the model would not fit in {@link #available()}; see the class comment. */
    static void ensureFits(Path directory, TensorSource weights, WeightDtype dtype) {
        ensureFits(directory, weights, dtype, available());
    }

    static void ensureFits(Path directory, TensorSource weights, WeightDtype dtype, Available available) {
        long held = heldBytes(weights, dtype);
        long needed = held + WORKING_SET_BYTES;
        if (needed <= available.bytes()) {
            return;
        }
        String advice = dtype == WeightDtype.FLOAT32
                ? "Hold the weights in half precision with wmdp.dtype=bfloat16 (or float16): 2 bytes per weight, "
                        + gb(heldBytes(weights, WeightDtype.BFLOAT16)) + " here"
                : "The weights are already held in 2 bytes per weight";
        throw new IllegalStateException(String.format(Locale.ROOT, "%s is too large for the memory this process can"
                        + " get: its %d tensors (%s stored) held as %s need %s, plus about %s for libtorch, the JVM"
                        + " and one batch: %s in all, but only %s is available (%s). %s; or free memory (other"
                        + " processes, a machine or container with more RAM); or score it through a server backend"
                        + " that holds the model outside this JVM.", directory, weights.names().size(),
                gb(storedBytes(weights)), dtype.id(), gb(held), gb(WORKING_SET_BYTES), gb(needed),
                gb(available.bytes()), available.source(), advice));
    }

    /** The memory this process can get, and where the figure comes from. */
    record Available(long bytes, String source) {
    }

    static Available available() {
        List<String> sources = new ArrayList<>();
        long bytes = Long.MAX_VALUE;
        OptionalLong memAvailable = meminfo("MemAvailable");
        if (memAvailable.isPresent()) {
            bytes = memAvailable.getAsLong();
            sources.add("MemAvailable " + gb(bytes));
        }
        OptionalLong cgroupRoom = cgroupRoom(CGROUP.resolve("memory.max"), CGROUP.resolve("memory.current"),
                CGROUP.resolve("memory.stat"), "inactive_file");
        if (cgroupRoom.isEmpty()) {
            Path v1 = CGROUP.resolve("memory");
            cgroupRoom = cgroupRoom(v1.resolve("memory.limit_in_bytes"), v1.resolve("memory.usage_in_bytes"),
                    v1.resolve("memory.stat"), "total_inactive_file");
        }
        if (cgroupRoom.isPresent()) {
            bytes = Math.min(bytes, cgroupRoom.getAsLong());
            sources.add("room under the cgroup memory limit " + gb(cgroupRoom.getAsLong()));
        }
        return new Available(bytes, sources.isEmpty() ? "no /proc/meminfo or cgroup figure" : String.join(", ", sources));
    }

    private static OptionalLong meminfo(String field) {
        OptionalLong kib = statField(MEMINFO, field + ":");
        return kib.isPresent() ? OptionalLong.of(kib.getAsLong() * 1024) : kib;
    }

    /** Limit minus usage, counting inactive page cache as free; empty when there is no limit or no file. */
    private static OptionalLong cgroupRoom(Path limitFile, Path usageFile, Path statFile, String inactiveField) {
        OptionalLong limit = number(limitFile);
        OptionalLong usage = number(usageFile);
        if (limit.isEmpty() || usage.isEmpty() || limit.getAsLong() >= UNLIMITED) {
            return OptionalLong.empty();
        }
        long inactive = statField(statFile, inactiveField).orElse(0);
        return OptionalLong.of(Math.max(0, limit.getAsLong() - usage.getAsLong() + inactive));
    }

    private static OptionalLong number(Path file) {
        try {
            String text = Files.readString(file).strip();
            return text.equals("max") ? OptionalLong.of(Long.MAX_VALUE) : OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The number after {@code key} on the line starting with it ({@code MemAvailable:   123 kB}, {@code inactive_file 5}). */
    private static OptionalLong statField(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key + (key.endsWith(":") ? "" : " "))) {
                    return OptionalLong.of(Long.parseLong(line.substring(key.length()).strip().split("\\s+")[0]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static long storedBytes(TensorSource weights) {
        long bytes = 0;
        for (String name : weights.names()) {
            bytes += weights.shape(name).size() * weights.dataType(name).getNumOfBytes();
        }
        return bytes;
    }

    private static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
}

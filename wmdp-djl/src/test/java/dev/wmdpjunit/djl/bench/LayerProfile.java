package dev.wmdpjunit.djl.bench;

import dev.wmdpjunit.core.model.WeightDtype;
import dev.wmdpjunit.djl.model.LayerTimings;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Time per group of operations of a packed forward pass of a Llama-family checkpoint (see {@link LayerTimings}):
 * {@code <dir> <comma-separated sequence lengths> [passes, 3]}, weights held in {@code -Dwmdp.dtype} or the
 * checkpoint's own precision. See wmdp-djl/README.md.
 */
public final class LayerProfile {

    private LayerProfile() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: <checkpoint dir> <lengths, e.g. 603,590,520> [passes]");
        }
        long[] lengths = Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray();
        String dtype = System.getProperty("wmdp.dtype");
        LayerTimings.profile(Path.of(args[0]), lengths, args.length > 2 ? Integer.parseInt(args[2]) : 3,
                dtype == null ? null : WeightDtype.fromId(dtype));
    }
}

package dev.wmdpjunit.reports.data;

import java.nio.file.Path;

/** How reports name a checkpoint in tables, labels and legends; the full path goes in tooltips and details. */
public final class ModelNames {

    /** Longer directory names (content hashes such as RMU cache keys) are cut to this many characters. */
    private static final int MAX_PART = 24;
    private static final int KEPT = 12;

    private ModelNames() {
    }

    /**
     * The checkpoint directory's last two path elements, e.g. {@code models/zephyr-7b-beta} or
     * {@code rmu-cache/7591b5aea2eb…}: the folder name alone is often generic ({@code model}) or a hash.
     */
    public static String of(String path) {
        Path p = Path.of(path).normalize();
        int count = p.getNameCount();
        if (count == 0) {
            return path;
        }
        String name = part(p.getName(count - 1).toString());
        return count == 1 ? name : part(p.getName(count - 2).toString()) + "/" + name;
    }

    private static String part(String name) {
        return name.length() > MAX_PART ? name.substring(0, KEPT) + "…" : name;
    }
}

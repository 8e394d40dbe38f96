package dev.wmdpjunit.core.hub;

/**
 * The files of the benchmark datasets on the hub that a run reads, in the layouts of {@code cais/wmdp} (one folder
 * per config: {@code wmdp-bio/test-00000-of-00001.parquet}) and {@code cais/mmlu} (one folder per subject, and
 * {@code all/}: {@code college_biology/test-00000-of-00001.parquet}).
 */
public final class HubDatasets {

    private HubDatasets() {
    }

    /** A WMDP config's test split: {@code <config>/test-*.parquet}, e.g. config {@code wmdp-bio}. */
    public static FileSelection wmdp(String config) {
        return FileSelection.glob(config + "/test-*.parquet");
    }

    /**
     * An MMLU subject's test split, and its dev split when few-shot examples are needed: from the subject's folder,
     * or else from {@code all/}.
     */
    public static FileSelection mmlu(String subject, boolean withDev) {
        return FileSelection.firstOf(splits(subject, withDev), splits("all", withDev));
    }

    private static FileSelection splits(String folder, boolean withDev) {
        FileSelection test = FileSelection.glob(folder + "/test-*.parquet");
        return withDev ? FileSelection.allOf(test, FileSelection.glob(folder + "/dev-*.parquet")) : test;
    }
}

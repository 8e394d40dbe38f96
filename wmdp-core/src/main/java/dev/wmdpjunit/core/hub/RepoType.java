package dev.wmdpjunit.core.hub;

/** A hub repository's type, which names its cache folder and its URLs as huggingface_hub does. */
public enum RepoType {
    MODEL("models", "", "api/models/"),
    DATASET("datasets", "datasets/", "api/datasets/");

    private final String folderPrefix;
    private final String urlPrefix;
    private final String apiPrefix;

    RepoType(String folderPrefix, String urlPrefix, String apiPrefix) {
        this.folderPrefix = folderPrefix;
        this.urlPrefix = urlPrefix;
        this.apiPrefix = apiPrefix;
    }

    /** {@code models} or {@code datasets}: the cache folder is {@code <this>--org--name}. */
    String folderPrefix() {
        return folderPrefix;
    }

    /** Before the repo id in {@code /<prefix>org/name/resolve/<rev>/<file>}: empty for models. */
    String urlPrefix() {
        return urlPrefix;
    }

    /** Before the repo id in {@code /api/<type>s/org/name/revision/<rev>}. */
    String apiPrefix() {
        return apiPrefix;
    }

    /** For messages: "model" or "dataset". */
    String word() {
        return this == MODEL ? "model" : "dataset";
    }
}

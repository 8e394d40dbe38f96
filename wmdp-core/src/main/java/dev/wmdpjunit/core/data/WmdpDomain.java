package dev.wmdpjunit.core.data;

import java.util.Arrays;
import java.util.List;

/** The three WMDP domains, named as the Hugging Face dataset {@code cais/wmdp} names its folders. */
public enum WmdpDomain {
    BIO("wmdp-bio"),
    CYBER("wmdp-cyber"),
    CHEM("wmdp-chem");

    private final String id;

    WmdpDomain(String id) {
        this.id = id;
    }

    /** The domain's name: its folder name, its question sets' name and its question ids' prefix. */
    public String id() {
        return id;
    }

    /** The domain named {@code id} ({@code wmdp-bio}, {@code wmdp-cyber} or {@code wmdp-chem}). */
    public static WmdpDomain fromId(String id) {
        for (WmdpDomain domain : values()) {
            if (domain.id.equals(id)) {
                return domain;
            }
        }
        throw new IllegalArgumentException("unknown WMDP domain '" + id + "', expected one of "
                + Arrays.stream(values()).map(WmdpDomain::id).toList());
    }

    /** The question set of this domain: name = domain, ids {@code <domain>/<row>} with rows 0-based in file order. */
    QuestionSet toSet(List<QuestionRecord> records, String source, String sha256) {
        return Datasets.namedSet(id, records, source, sha256);
    }
}

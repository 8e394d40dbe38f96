package dev.wmdpjunit.core.data;

import dev.wmdpjunit.core.Identified;
import java.util.List;

/** The three WMDP domains, named as the Hugging Face dataset {@code cais/wmdp} names its folders. */
public enum WmdpDomain implements Identified {
    BIO("wmdp-bio"),
    CYBER("wmdp-cyber"),
    CHEM("wmdp-chem");

    private final String id;

    WmdpDomain(String id) {
        this.id = id;
    }

    /** The domain's name: its folder name, its question sets' name and its question ids' prefix. */
    @Override
    public String id() {
        return id;
    }

    /** The domain named {@code id} ({@code wmdp-bio}, {@code wmdp-cyber} or {@code wmdp-chem}). */
    public static WmdpDomain fromId(String id) {
        return Identified.byId(WmdpDomain.class, id, "WMDP domain");
    }

    /** The question set of this domain: name = domain, ids {@code <domain>/<row>} with rows 0-based in file order. */
    QuestionSet toSet(List<QuestionRecord> records, String source, String sha256) {
        return Datasets.namedSet(id, records, source, sha256);
    }
}

package dev.wmdpjunit.engine;

import static org.apiguardian.api.API.Status.DEPRECATED;

import dev.wmdpjunit.core.data.KnowledgeKind;
import org.apiguardian.api.API;

/**
 * The kind of knowledge a benchmark measures, as {@link Benchmark#role()} declared it before the kind moved to
 * wmdp-core as {@link KnowledgeKind} ("role" also named which model a score is of).
 *
 * @deprecated declare {@link Benchmark#knowledge()} with {@link KnowledgeKind}; kept for one release
 */
@Deprecated(since = "0.1.0", forRemoval = true)
@API(status = DEPRECATED, since = "0.1.0")
public enum Role {

    /** {@link KnowledgeKind#BY_NAME}. */
    BY_NAME(KnowledgeKind.BY_NAME),
    /** {@link KnowledgeKind#HAZARD}. */
    HAZARD(KnowledgeKind.HAZARD),
    /** {@link KnowledgeKind#RETAIN}. */
    RETAIN(KnowledgeKind.RETAIN);

    private final KnowledgeKind knowledge;

    Role(KnowledgeKind knowledge) {
        this.knowledge = knowledge;
    }

    /** The kind of knowledge this role stands for. */
    public KnowledgeKind knowledge() {
        return knowledge;
    }
}

package dev.wmdpjunit.engine.internal;

import dev.wmdpjunit.engine.WmdpConfigurationException;
import dev.wmdpjunit.engine.WmdpUniqueIds;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * A selection or filter that names nothing that exists: a unique id of no suite, benchmark or method, a
 * {@code wmdp.questions} id of no selected benchmark, a suite without a benchmark. It is a test that fails with the
 * reason ({@code [selection-error:<what>]}), so that the build fails instead of passing with nothing run.
 */
final class SelectionErrorDescriptor extends AbstractTestDescriptor implements Node<WmdpContext> {

    static final String SEGMENT = WmdpUniqueIds.SELECTION_ERROR;

    private final String message;

    /**
     * @param what    what names nothing (a key, a unique id), the segment's value and the display name
     * @param message the reason, naming what was given and what exists
     */
    SelectionErrorDescriptor(UniqueId parentId, String what, String message, Optional<TestSource> source) {
        super(parentId.append(SEGMENT, what), what, source.orElse(null));
        this.message = message;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public WmdpContext execute(WmdpContext context, DynamicTestExecutor dynamicTestExecutor) {
        throw new WmdpConfigurationException(message);
    }
}

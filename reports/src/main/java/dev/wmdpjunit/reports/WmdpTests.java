package dev.wmdpjunit.reports;

import dev.wmdpjunit.engine.WmdpConfiguration;
import dev.wmdpjunit.engine.WmdpUniqueIds;
import java.util.Optional;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Recognises the wmdp-junit engine's nodes in a test plan by their unique ids (segment types: the engine's
 * {@link WmdpUniqueIds}):
 * {@code [engine:wmdp-junit]/[suite:<class>]/[domain:<benchmark>]/[threshold:<method>]}, and the other tests under a
 * domain (a question, a committed baseline).
 */
public final class WmdpTests {

    private WmdpTests() {
    }

    /** Whether the plan holds at least one test of the wmdp-junit engine. */
    public static boolean hasWmdpTests(TestPlan plan) {
        return plan.getRoots().stream().filter(WmdpTests::isWmdp)
                .anyMatch(root -> plan.getDescendants(root).stream().anyMatch(TestIdentifier::isTest));
    }

    public static boolean isWmdp(TestIdentifier identifier) {
        return identifier.getUniqueIdObject().getEngineId().filter(WmdpConfiguration.ENGINE_ID::equals).isPresent();
    }

    /**
     * The last segment's value if the node is a wmdp-junit node of that type ({@link WmdpUniqueIds}), e.g. the
     * method of a threshold.
     */
    public static Optional<String> value(TestIdentifier identifier, String type) {
        UniqueId id = identifier.getUniqueIdObject();
        return isWmdp(identifier) && id.getLastSegment().getType().equals(type)
                ? Optional.of(id.getLastSegment().getValue()) : Optional.empty();
    }
}

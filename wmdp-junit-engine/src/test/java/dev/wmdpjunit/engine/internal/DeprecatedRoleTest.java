package dev.wmdpjunit.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wmdpjunit.core.data.KnowledgeKind;
import dev.wmdpjunit.engine.Benchmark;
import dev.wmdpjunit.engine.Role;
import org.junit.jupiter.api.Test;

/** {@code @Benchmark(role = ...)}, declared before {@code knowledge}, keeps working for one release. */
@SuppressWarnings("removal")
class DeprecatedRoleTest {

    @Benchmark(value = "garden", file = "garden.jsonl", role = Role.HAZARD)
    void oldRole() {
    }

    @Benchmark(value = "garden", file = "garden.jsonl", knowledge = KnowledgeKind.RETAIN)
    void newKnowledge() {
    }

    @Benchmark(value = "garden", file = "garden.jsonl", knowledge = KnowledgeKind.RETAIN, role = Role.RETAIN)
    void bothAgreeing() {
    }

    @Benchmark(value = "garden", file = "garden.jsonl", knowledge = KnowledgeKind.RETAIN, role = Role.HAZARD)
    void bothDisagreeing() {
    }

    @Test
    void theOldRoleDeclaresTheKindOfKnowledge() throws Exception {
        assertThat(spec("oldRole").comparedKnowledge()).contains(KnowledgeKind.HAZARD);
        assertThat(spec("newKnowledge").comparedKnowledge()).contains(KnowledgeKind.RETAIN);
        assertThat(spec("bothAgreeing").comparedKnowledge()).contains(KnowledgeKind.RETAIN);
    }

    @Test
    void differentKindsInBothAttributesAreADeclarationError() {
        assertThatThrownBy(() -> spec("bothDisagreeing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@Benchmark(\"garden\") declares knowledge = RETAIN and the deprecated role = HAZARD;"
                        + " declare only knowledge");
    }

    private static BenchmarkSpec spec(String method) throws NoSuchMethodException {
        return BenchmarkSpec.of(DeprecatedRoleTest.class.getDeclaredMethod(method).getAnnotation(Benchmark.class));
    }
}

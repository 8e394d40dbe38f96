package dev.wmdpjunit.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every tensor that every golden folder lists in its golden.json must be reproduced within
 * {@link Goldens#TOLERANCE}: one dynamic test per (architecture, input, tensor).
 */
class GoldenParityTest {

    private static final List<GoldenFixture> FIXTURES = new ArrayList<>();
    /** Largest difference seen per "architecture tensor-kind", printed after the run. */
    private static final Map<String, Double> WORST = new TreeMap<>();

    @TestFactory
    Stream<DynamicNode> everyGoldenTensorMatches() {
        List<Path> folders = Goldens.modelFolders(Goldens.goldenDir());
        assertThat(folders).as("golden model folders under " + Goldens.goldenDir()).isNotEmpty();
        return folders.stream().map(folder -> {
            GoldenFixture fixture = new GoldenFixture(folder);
            FIXTURES.add(fixture);
            return dynamicContainer(fixture.name(), fixture.inputs().stream().map(input ->
                    dynamicContainer(input, fixture.tensorsOf(input).stream().map(tensor ->
                            dynamicTest(tensor, () -> check(fixture, input, tensor))))));
        });
    }

    /** A model whose weights differ slightly from the checkpoint must fail the same comparison. */
    @TestFactory
    Stream<DynamicNode> perturbedWeightBreaksParity() {
        return Goldens.modelFolders(Goldens.goldenDir()).stream().map(folder -> {
            GoldenFixture fixture = new GoldenFixture(folder);
            FIXTURES.add(fixture);
            return dynamicTest(fixture.name(), () -> {
                String input = fixture.inputs().get(0);
                NDArray expected = fixture.expected(input + ".logits");
                assertThat(Goldens.maxAbsDiff(fixture.actual(input, "logits"), expected, null))
                        .isLessThanOrEqualTo(Goldens.TOLERANCE);

                String perturbed = firstMatrixOfLayerZero(fixture);
                try (EditedTensorSource weights = new EditedTensorSource(folder.resolve("model.safetensors"))
                        .change(perturbed, array -> array.add(0.01f));
                     CausalLm model = CausalLm.load(fixture.config(), weights);
                     NDManager manager = NDManager.newBaseManager()) {
                    NDArray ids = fixture.inputIds(input).duplicate().expandDims(0);
                    ids.attach(manager);
                    NDArray logits = model.logits(ids, null).squeeze(0);
                    assertThat(Goldens.maxAbsDiff(logits, expected, null))
                            .as("logits after perturbing " + perturbed)
                            .isGreaterThan(Goldens.TOLERANCE);
                }
            });
        });
    }

    @AfterAll
    static void report() {
        System.out.println("Golden parity, max |diff| per architecture and tensor kind:");
        WORST.forEach((key, diff) -> System.out.printf("  %-50s %.3e%n", key, diff));
        FIXTURES.forEach(GoldenFixture::close);
    }

    private static void check(GoldenFixture fixture, String input, String tensor) {
        String kind = tensor.substring(input.length() + 1);
        NDArray expected = fixture.expected(tensor);
        switch (kind) {
            case "input_ids" -> assertThat(expected.contentEquals(fixture.inputIds(input)))
                    .as("golden.safetensors ids equal golden.json ids").isTrue();
            case "attention_mask" -> assertThat(expected.contentEquals(fixture.attentionMask(input)))
                    .as("golden.safetensors mask equals golden.json mask").isTrue();
            default -> {
                double diff = Goldens.maxAbsDiff(fixture.actual(input, kind), expected, fixture.validity(input, kind));
                WORST.merge(fixture.name() + " " + kind, diff, Math::max);
                assertThat(diff).as(fixture.name() + " " + tensor + " max |diff|")
                        .isLessThanOrEqualTo(Goldens.TOLERANCE);
            }
        }
    }

    /** The first two-dimensional parameter of decoder layer 0, in state-dict order. */
    private static String firstMatrixOfLayerZero(GoldenFixture fixture) {
        return fixture.model(SlidingWindowRule.TRANSFORMERS_4_40).parameters().asMap().entrySet().stream()
                .filter(e -> e.getKey().contains(".0.") && e.getValue().getShape().dimension() == 2)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }
}

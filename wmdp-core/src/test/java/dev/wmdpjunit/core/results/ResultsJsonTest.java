package dev.wmdpjunit.core.results;

import static dev.wmdpjunit.core.results.DomainResultTest.DATASET;
import static dev.wmdpjunit.core.results.DomainResultTest.MODEL;
import static dev.wmdpjunit.core.results.DomainResultTest.questions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.core.model.ModelIdentity;
import dev.wmdpjunit.core.stats.Accuracy;
import dev.wmdpjunit.core.stats.ProportionIntervals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-11-28T02:10:27Z");

    @TempDir
    Path dir;

    private static ResultsFile sample() {
        List<QuestionResult> results = new ArrayList<>(questions(20, 4));
        // Doubles that only survive a text round trip if every digit is kept.
        results.add(new QuestionResult("toy-bio/hard-doubles", 1, 3,
                new double[] {0.1 + 0.2, -1.2345678901234567e-300, Math.nextDown(-7.0), -0.0},
                new boolean[] {false, false, false, true}));
        DomainResult result = DomainResult.of("toy-bio", results, "lm-eval-0.4.9.2", MODEL, DATASET);
        return new ResultsFile("0.1.0-SNAPSHOT", CREATED, result);
    }

    @Test
    void roundTripsExactly() throws IOException {
        ResultsFile written = sample();
        Path file = ResultsJson.write(dir, written);
        ResultsFile read = ResultsJson.read(file);
        assertThat(read).isEqualTo(written);
        assertThat(read.result().questions().get(20).loglikelihoods())
                .containsExactly(0.30000000000000004, -1.2345678901234567e-300, Math.nextDown(-7.0), -0.0);
    }

    @Test
    void recordsTheSampleItsQuestionsAre() throws IOException {
        ResultsFile full = sample();
        Sample drawn = Sample.draw(400, full.result().n(), 99);
        ResultsFile written = new ResultsFile(full.frameworkVersion(), CREATED, full.result(), Optional.of(drawn));
        Path file = ResultsJson.write(dir, written);

        assertThat(ResultsJson.read(file)).isEqualTo(written);
        JsonNode root = JSON.readTree(file.toFile());
        assertThat(fieldNames(root.get("sample"))).containsExactly("seed", "population", "size", "rows");
        assertThat(root.get("sample").get("rows")).hasSize(21);

        ((ObjectNode) root.get("sample")).put("size", 20);
        Files.writeString(file, root.toString());
        assertThatThrownBy(() -> ResultsJson.read(file)).isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining("field 'sample.rows': has 21 entries but sample.size is 20");
    }

    @Test
    void writesTheDocumentedFieldNames() throws IOException {
        Path file = ResultsJson.write(dir, sample());
        JsonNode root = JSON.readTree(file.toFile());
        assertThat(fieldNames(root)).containsExactly("frameworkVersion", "createdAt", "domain", "n", "correct",
                "accuracy", "stderr", "ci", "promptFormat", "model", "dataset", "questions");
        assertThat(fieldNames(root.get("ci"))).containsExactly("lower", "upper", "confidence", "method");
        assertThat(fieldNames(root.get("model"))).containsExactly("path", "sha256");
        assertThat(fieldNames(root.get("dataset"))).containsExactly("path", "sha256");
        JsonNode question = root.get("questions").get(0);
        assertThat(fieldNames(question)).containsExactly("id", "gold", "predicted", "loglikelihoods", "isGreedy");

        assertThat(root.get("createdAt").textValue()).isEqualTo("2026-11-28T02:10:27Z");
        assertThat(root.get("domain").textValue()).isEqualTo("toy-bio");
        assertThat(root.get("n").intValue()).isEqualTo(21);
        assertThat(root.get("correct").intValue()).isEqualTo(8);
        assertThat(root.get("accuracy").doubleValue()).isEqualTo(new Accuracy(8, 21).value());
        assertThat(root.get("stderr").doubleValue()).isEqualTo(new Accuracy(8, 21).stderr());
        assertThat(root.get("ci").get("lower").doubleValue()).isEqualTo(ProportionIntervals.wilson(8, 21, 0.95).lower());
        assertThat(root.get("ci").get("upper").doubleValue()).isEqualTo(ProportionIntervals.wilson(8, 21, 0.95).upper());
        assertThat(root.get("ci").get("confidence").doubleValue()).isEqualTo(0.95);
        assertThat(root.get("ci").get("method").textValue()).isEqualTo("wilson");
        assertThat(root.get("promptFormat").textValue()).isEqualTo("lm-eval-0.4.9.2");
        assertThat(root.get("model").get("sha256").textValue()).isEqualTo(MODEL.sha256());
        assertThat(root.get("dataset").get("path").textValue()).isEqualTo(DATASET.path());
        assertThat(question.get("id").textValue()).isEqualTo("toy-bio/0");
        assertThat(question.get("loglikelihoods")).hasSize(4);
        assertThat(question.get("isGreedy").get(0).isBoolean()).isTrue();
    }

    @Test
    void writesOnePrettyFilePerDomainAndNoTemporaryFiles() throws IOException {
        Path file = ResultsJson.write(dir, sample());
        assertThat(file).isEqualTo(dir.resolve("toy-bio.json"));
        assertThat(Files.readString(file)).startsWith("{\n  \"frameworkVersion\" : \"0.1.0-SNAPSHOT\",\n").endsWith("}\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(ResultsJson.fileName("mmlu:college_biology")).isEqualTo("mmlu_college_biology.json");
    }

    /** ':' becomes '_' in a file name: a custom set named like an MMLU subject's file must not share its file. */
    @Test
    void anMmluSubjectAndACustomSetOfTheSameFileNameGetFilesOfTheirOwn() throws IOException {
        assertThat(ResultsJson.fileName("mmlu_college_biology")).isNotEqualTo(
                ResultsJson.fileName("mmlu:college_biology")).isEqualTo("mmlu_college_biology.custom.json");
        assertThat(ResultsJson.fileName("wmdp-bio")).isEqualTo("wmdp-bio.json");
        assertThat(ResultsJson.fileName("quorra-lore")).isEqualTo("quorra-lore.json");

        Path mmlu = ResultsJson.write(dir, renamed("mmlu:college_biology"));
        Path custom = ResultsJson.write(dir, renamed("mmlu_college_biology"));

        assertThat(ResultsJson.read(mmlu).result().domain()).isEqualTo("mmlu:college_biology");
        assertThat(ResultsJson.read(custom).result().domain()).isEqualTo("mmlu_college_biology");
        assertThat(ResultsJson.locate(dir, "mmlu:college_biology")).isEqualTo(mmlu);
        assertThat(ResultsJson.locate(dir, "mmlu_college_biology")).isEqualTo(custom);
    }

    /** A custom set's file written under the name earlier versions gave it is still found, and only for it. */
    @Test
    void locateFindsTheFileAnEarlierVersionWroteForACustomSet() throws IOException {
        Path earlier = dir.resolve("mmlu_college_biology.json");
        Files.move(ResultsJson.write(dir, renamed("mmlu_college_biology")), earlier);

        assertThat(ResultsJson.locate(dir, "mmlu_college_biology")).isEqualTo(earlier);
        // The MMLU subject's own file has that name: it is not the custom set's.
        assertThat(ResultsJson.locate(dir, "mmlu:college_biology")).isEqualTo(earlier);
        assertThat(ResultsJson.read(earlier).result().domain()).isEqualTo("mmlu_college_biology");

        Path current = ResultsJson.write(dir, renamed("mmlu_college_biology"));
        assertThat(ResultsJson.locate(dir, "mmlu_college_biology")).isEqualTo(current);
        assertThat(ResultsJson.locate(dir.resolve("none"), "mmlu_college_biology"))
                .isEqualTo(dir.resolve("none").resolve("mmlu_college_biology.custom.json"));
    }

    /** The sample's questions as the results of a set named {@code domain}. */
    private static ResultsFile renamed(String domain) {
        DomainResult result = sample().result();
        return new ResultsFile("0.1.0-SNAPSHOT", CREATED, DomainResult.of(domain, result.questions(),
                result.promptFormat(), MODEL, DATASET));
    }

    @Test
    void stampsThisBuildsVersion() {
        DomainResult result = sample().result();
        ResultsFile now = ResultsFile.now(result);
        assertThat(now.frameworkVersion()).isEqualTo(FrameworkVersion.current());
        assertThat(now.createdAt().getNano()).isZero();
    }

    @Test
    void singleQuestionStoresStderrAsNull() throws IOException {
        DomainResult one = DomainResult.of("toy-one", questions(1, 10), "lm-eval-0.4.9.2", MODEL, DATASET);
        Path file = ResultsJson.write(dir, new ResultsFile("0.1.0", CREATED, one));
        assertThat(JSON.readTree(file.toFile()).get("stderr").isNull()).isTrue();
        assertThat(ResultsJson.read(file).result()).isEqualTo(one);
    }

    @Test
    void malformedJsonNamesTheFileAndPlace() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"domain\" : \"toy-bio\",\n  \"n\" : }\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ResultsJson.read(file)).isInstanceOf(ResultsFormatException.class)
                .hasMessageStartingWith("results file " + file + ": not valid JSON: ")
                .hasMessageContaining("line 3");
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path file = dir.resolve("empty.json");
        Files.writeString(file, "");
        assertThatThrownBy(() -> ResultsJson.read(file))
                .hasMessage("results file " + file + ": expected an object, got nothing (the file is empty)");
    }

    @Test
    void readsAFileWrittenBeforeModelIdentitiesAsAFolder() throws Exception {
        // Written by the code before ModelIdentity (commit 294af57): the model is {path, sha256} only.
        Path old = Path.of(getClass().getResource("old-format-toy-bio.json").toURI());
        ResultsFile read = ResultsJson.read(old);
        assertThat(read.result().model()).isEqualTo(ModelIdentity.folder("models/zephyr-7b-beta",
                "4e54813613b60d11d370965ad526215ab0af1f8e78c11264f138c2e8c0129835"));
        assertThat(read.result().model().kind()).isEqualTo(ModelIdentity.FOLDER);
        assertThat(read.result().model().weightsHashed()).isTrue();
        // A folder is still written exactly as before, byte for byte.
        Path rewritten = ResultsJson.write(dir, read);
        assertThat(Files.readString(rewritten)).isEqualTo(Files.readString(old));
    }

    @Test
    void anEndpointIdentityRoundTripsAndSaysItsWeightsWereNotHashed() throws IOException {
        ModelIdentity endpoint = ModelIdentity.described(ModelIdentity.ENDPOINT, "http://gpu-7:8000/v1", Map.of(
                "servedModel", "HuggingFaceH4/zephyr-7b-beta", "tokenizerSha256", "b".repeat(64),
                "server.version", "vllm 0.6.3"));
        ResultsFile written = new ResultsFile("0.1.0-SNAPSHOT", CREATED, DomainResult.of("toy-bio",
                questions(5, 4), "lm-eval-0.4.9.2", endpoint, DATASET));
        Path file = ResultsJson.write(dir, written);

        assertThat(ResultsJson.read(file)).isEqualTo(written);
        JsonNode model = JSON.readTree(file.toFile()).get("model");
        assertThat(fieldNames(model)).containsExactly("path", "sha256", "kind", "weightsHashed", "details");
        assertThat(model.get("weightsHashed").booleanValue()).isFalse();
        assertThat(model.get("sha256").textValue()).isEqualTo(ModelIdentity.descriptionSha256(
                ModelIdentity.ENDPOINT, "http://gpu-7:8000/v1", endpoint.details()));
        assertThat(fieldNames(model.get("details"))).containsExactly("servedModel", "server.version",
                "tokenizerSha256");
    }

    @Test
    void anEndpointWhoseDescriptionWasEditedIsRefused() throws IOException {
        ModelIdentity endpoint = ModelIdentity.described(ModelIdentity.ENDPOINT, "http://gpu-7:8000/v1",
                Map.of("servedModel", "zephyr"));
        Path file = ResultsJson.write(dir, new ResultsFile("0.1.0-SNAPSHOT", CREATED, DomainResult.of("toy-bio",
                questions(5, 4), "lm-eval-0.4.9.2", endpoint, DATASET)));
        JsonNode root = JSON.readTree(file.toFile());
        ((ObjectNode) root.get("model").get("details")).put("servedModel", "other");
        JSON.writeValue(file.toFile(), root);

        assertThatThrownBy(() -> ResultsJson.read(file)).isInstanceOf(ResultsFormatException.class)
                .hasMessageContaining("field 'model.sha256': sha256 of http://gpu-7:8000/v1 (weights not hashed)"
                        + " must be the SHA-256 of its description");
    }

    @Test
    void missingOrMistypedFieldsAreNamed() throws IOException {
        assertThat(errorAfter(root -> ((ObjectNode) root.get("questions").get(1)).remove("gold")))
                .endsWith(": field 'questions[1].gold': missing");
        assertThat(errorAfter(root -> ((ArrayNode) root.get("questions").get(2).get("loglikelihoods")).set(3, "x")))
                .endsWith(": field 'questions[2].loglikelihoods[3]': expected a finite number, got \"x\"");
        assertThat(errorAfter(root -> ((ObjectNode) root).put("n", "21")))
                .endsWith(": field 'n': expected an integer, got \"21\"");
        assertThat(errorAfter(root -> ((ObjectNode) root.get("ci")).put("method", "wald")))
                .contains(": field 'ci.method': unknown interval method 'wald'");
        assertThat(errorAfter(root -> ((ObjectNode) root.get("model")).put("sha256", "deadbeef")))
                .contains(": field 'model.sha256': ");
        assertThat(errorAfter(root -> ((ObjectNode) root.get("model")).put("weightsHashed", "no")))
                .endsWith(": field 'model.weightsHashed': expected true or false, got \"no\"");
        assertThat(errorAfter(root -> ((ObjectNode) root.get("model")).put("extra", 1)))
                .contains(": field 'model.extra': unknown field");
        assertThat(errorAfter(root -> ((ObjectNode) root).put("createdAt", "yesterday")))
                .contains(": field 'createdAt': expected an ISO-8601 UTC time");
        assertThat(errorAfter(root -> ((ObjectNode) root.get("questions").get(0)).put("extra", 1)))
                .contains(": field 'questions[0].extra': unknown field");
    }

    @Test
    void summaryThatDisagreesWithTheQuestionsIsAnError() throws IOException {
        assertThat(errorAfter(root -> ((ObjectNode) root).put("accuracy", 0.9)))
                .endsWith(": field 'accuracy': is 0.9 but the questions give " + new Accuracy(8, 21).value());
        assertThat(errorAfter(root -> ((ObjectNode) root).put("correct", 9)))
                .endsWith(": field 'correct': is 9 but 8 questions have predicted == gold");
        assertThat(errorAfter(root -> ((ObjectNode) root.get("ci")).put("upper", 0.99)))
                .contains(": field 'ci.upper': is 0.99 but the questions give ");
        assertThat(errorAfter(root -> ((ObjectNode) root.get("questions").get(0)).put("id", "toy-bio/1")))
                .contains(": field 'questions': duplicate question id 'toy-bio/1'");
    }

    /** Writes the sample, edits its JSON tree, and returns the message of the error reading it back. */
    private String errorAfter(Consumer<JsonNode> edit) throws IOException {
        Path file = ResultsJson.write(dir, sample());
        JsonNode root = JSON.readTree(file.toFile());
        edit.accept(root);
        JSON.writeValue(file.toFile(), root);
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> ResultsJson.read(file));
        assertThat(error).isInstanceOf(ResultsFormatException.class);
        assertThat(error.getMessage()).startsWith("results file " + file + ": ");
        return error.getMessage();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

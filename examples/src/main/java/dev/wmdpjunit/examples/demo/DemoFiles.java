package dev.wmdpjunit.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.data.Datasets;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.data.WmdpDomain;
import dev.wmdpjunit.core.data.WmdpParquetWriter;
import dev.wmdpjunit.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the demo's files live under its root directory, and how its data files are written and read.
 *
 * <pre>
 * corpus/demo-hazard-statements.jsonl   {"text": ...} per line: every hazard fact in every phrasing (RMU forget corpus)
 * corpus/demo-hazard-practice.jsonl     answered practice questions about the hazard facts
 * corpus/demo-general-statements.jsonl  every general fact in every phrasing (RMU retain corpus)
 * corpus/demo-general-practice.jsonl    answered practice questions about the general facts
 * questions/demo-hazard.parquet         evaluation questions, WMDP schema (question, choices, answer)
 * questions/demo-general.parquet
 * model/                                the trained model, a Hugging Face directory
 * scores.json                           what the trained model scored when it was made
 * </pre>
 */
public final class DemoFiles {

    public static final String MODEL_DIRECTORY = "model";
    public static final String SCORES_FILE = "scores.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoFiles() {
    }

    /** The JSONL file of a domain's fact statements. */
    public static Path statements(Path root, DemoDomain domain) {
        return root.resolve("corpus").resolve(domain.id() + "-statements.jsonl");
    }

    /** The JSONL file of a domain's answered practice questions. */
    public static Path practice(Path root, DemoDomain domain) {
        return root.resolve("corpus").resolve(domain.id() + "-practice.jsonl");
    }

    /** The Parquet file (WMDP schema) of a domain's evaluation questions. */
    public static Path questions(Path root, DemoDomain domain) {
        return root.resolve("questions").resolve(domain.id() + ".parquet");
    }

    /** Writes the corpus and question files of {@code dataset} under {@code root}, each atomically. */
    public static void writeData(DemoDataset dataset, Path root) throws IOException {
        for (DemoDomain domain : DemoDomain.values()) {
            DemoDataset.DomainData data = dataset.domain(domain);
            writeJsonLines(statements(root, domain), data.statements());
            writeJsonLines(practice(root, domain), data.practice());
            QuestionSet set = new QuestionSet(domain.id(), data.questions(), "seed " + dataset.seed(), "");
            WmdpParquetWriter.write(set, questions(root, domain));
        }
    }

    /**
     * Reads a domain's evaluation questions with the WMDP loader, named after the domain: set name
     * {@code demo-hazard}, ids {@code demo-hazard/<row>}, subject the domain id, SHA-256 of the file.
     */
    public static QuestionSet readQuestions(Path root, DemoDomain domain) {
        // The loader names sets after a WMDP domain; the demo's own names replace that one.
        QuestionSet loaded = Datasets.wmdpFile(questions(root, domain), WmdpDomain.CHEM);
        List<Question> renamed = new ArrayList<>();
        for (Question q : loaded.questions()) {
            renamed.add(new Question(domain.id() + "/" + renamed.size(), domain.id(), q.question(), q.choices(),
                    q.answer()));
        }
        return new QuestionSet(domain.id(), renamed, loaded.source(), loaded.sha256());
    }

    /** The texts of a JSONL corpus file ({@code text} field of each line). */
    public static List<String> readJsonLines(Path file) throws IOException {
        List<String> texts = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode node = JSON.readTree(lines.get(i));
            if (node == null || !node.path("text").isTextual()) {
                throw new IOException(file + ": line " + (i + 1) + " has no string field 'text'");
            }
            texts.add(node.get("text").asText());
        }
        return texts;
    }

    private static void writeJsonLines(Path file, List<String> texts) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (String text : texts) {
            lines.append(JSON.writeValueAsString(Map.of("text", text))).append('\n');
        }
        AtomicFiles.write(file, out -> out.write(lines.toString().getBytes(StandardCharsets.UTF_8)));
    }
}

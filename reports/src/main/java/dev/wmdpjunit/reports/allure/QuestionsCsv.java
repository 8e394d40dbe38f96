package dev.wmdpjunit.reports.allure;

import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.QuestionResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One row per question of a benchmark: id, gold, the candidate's prediction and loglikelihoods, and the base
 * model's when it was scored. Loglikelihoods in Java's shortest round-trip form, as in the results JSON.
 */
public final class QuestionsCsv {

    private QuestionsCsv() {
    }

    /**
     * @param base the base model's result on the same questions, or {@code null}
     */
    public static byte[] of(DomainResult candidate, DomainResult base) {
        int choices = candidate.questions().stream().mapToInt(q -> q.loglikelihoods().length).max().orElse(0);
        List<String> header = new ArrayList<>(List.of("row", "id", "gold", "predicted", "correct"));
        for (int c = 0; c < choices; c++) {
            header.add("loglikelihood_" + (char) ('A' + c));
        }
        Map<String, QuestionResult> baseById = new HashMap<>();
        if (base != null) {
            base.questions().forEach(q -> baseById.put(q.id(), q));
            header.addAll(List.of("base_predicted", "base_correct"));
            for (int c = 0; c < choices; c++) {
                header.add("base_loglikelihood_" + (char) ('A' + c));
            }
        }
        StringWriter text = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.RFC4180.builder()
                .setHeader(header.toArray(String[]::new)).get())) {
            for (int i = 0; i < candidate.n(); i++) {
                QuestionResult q = candidate.questions().get(i);
                List<Object> row = new ArrayList<>(List.of(i, q.id(), letter(q.gold()), letter(q.predicted()),
                        q.correct()));
                addLoglikelihoods(row, q, choices);
                if (base != null) {
                    QuestionResult b = baseById.get(q.id());
                    row.add(b == null ? "" : letter(b.predicted()));
                    row.add(b == null ? "" : b.correct());
                    addLoglikelihoods(row, b, choices);
                }
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void addLoglikelihoods(List<Object> row, QuestionResult q, int choices) {
        for (int c = 0; c < choices; c++) {
            row.add(q != null && c < q.loglikelihoods().length ? Double.toString(q.loglikelihoods()[c]) : "");
        }
    }

    private static String letter(int choice) {
        return String.valueOf((char) ('A' + choice));
    }
}

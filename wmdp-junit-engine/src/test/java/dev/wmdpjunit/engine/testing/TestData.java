package dev.wmdpjunit.engine.testing;

import dev.wmdpjunit.core.data.Datasets;
import dev.wmdpjunit.core.data.Question;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.data.WmdpDomain;
import dev.wmdpjunit.core.data.WmdpParquetWriter;
import dev.wmdpjunit.core.testing.SyntheticQuestions;
import dev.wmdpjunit.core.testing.WmdpFixtureFolder;
import dev.wmdpjunit.engine.fixtures.CustomSetSuite;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Harmless synthetic benchmark data on disk, as users would have it: a WMDP folder in the Hugging Face layout,
 * an MMLU folder in the Hendrycks layout with one invented subject, and a custom set file. Question texts are
 * tagged per set so that no two sets share a question (the fake model keys its answers by question text).
 *
 * @param wmdp      the WMDP root folder
 * @param mmlu      the MMLU root folder
 * @param wmdpSets  the WMDP questions as the loader reads them
 * @param botany    the MMLU subject's test questions as the loader reads them
 * @param lore      the custom set's questions (ids as the WMDP loader gives them)
 */
public record TestData(Path wmdp, Path mmlu, Map<WmdpDomain, QuestionSet> wmdpSets, QuestionSet botany,
                       QuestionSet lore) {

    public static final String MMLU_SUBJECT = "quorra_botany";
    private static final long SEED = 11;

    public static TestData write(Path root, int perDomain, int botanyQuestions, int loreQuestions)
            throws IOException {
        Path wmdp = root.resolve("wmdp");
        Map<WmdpDomain, QuestionSet> sets = WmdpFixtureFolder.write(wmdp, perDomain, SEED);
        Path mmlu = root.resolve("mmlu");
        writeCsv(mmlu.resolve("test").resolve(MMLU_SUBJECT + "_test.csv"),
                tagged(SyntheticQuestions.wmdp(WmdpDomain.BIO, botanyQuestions, SEED + 1), "[botany test] "));
        writeCsv(mmlu.resolve("dev").resolve(MMLU_SUBJECT + "_dev.csv"),
                tagged(SyntheticQuestions.wmdp(WmdpDomain.BIO, 5, SEED + 2), "[botany dev] "));
        QuestionSet lore = tagged(SyntheticQuestions.wmdp(WmdpDomain.CYBER, loreQuestions, SEED + 3), "[lore] ");
        Path loreFile = Path.of(CustomSetSuite.FILE);
        Files.createDirectories(loreFile.getParent());
        WmdpParquetWriter.write(lore, loreFile);
        return new TestData(wmdp, mmlu, sets, Datasets.mmlu(mmlu).test(MMLU_SUBJECT), lore);
    }

    /** A fake checkpoint knowing every set at the same rate. */
    public Path checkpoint(Path folder, double rate) throws IOException {
        return checkpoint(folder, rate, rate);
    }

    /** A fake checkpoint knowing the WMDP and custom sets at one rate and MMLU at another. */
    public Path checkpoint(Path folder, double hazardRate, double mmluRate) throws IOException {
        return checkpoint(folder, hazardRate, mmluRate, FakeCheckpoint.Hiding.NONE);
    }

    /** A fake checkpoint knowing the sets at these rates and hiding what it knows so. */
    public Path checkpoint(Path folder, double hazardRate, double mmluRate, FakeCheckpoint.Hiding hiding)
            throws IOException {
        Map<QuestionSet, Double> rates = new java.util.LinkedHashMap<>();
        wmdpSets.values().forEach(set -> rates.put(set, hazardRate));
        rates.put(lore, hazardRate);
        rates.put(botany, mmluRate);
        return FakeCheckpoint.write(folder, rates, hiding);
    }

    private static QuestionSet tagged(QuestionSet set, String tag) {
        List<Question> questions = new ArrayList<>();
        for (Question q : set.questions()) {
            questions.add(new Question(q.id(), q.subject(), tag + q.question(), q.choices(), q.answer()));
        }
        return new QuestionSet(set.name(), questions, set.source(), set.sha256());
    }

    private static void writeCsv(Path file, QuestionSet set) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            for (Question q : set.questions()) {
                List<String> row = new ArrayList<>(List.of(q.question()));
                row.addAll(q.choices());
                row.add("ABCD".substring(q.answer(), q.answer() + 1));
                csv.printRecord(row);
            }
        }
    }
}

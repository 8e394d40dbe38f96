package dev.wmdpjunit.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wmdpjunit.core.data.WmdpDomain;
import dev.wmdpjunit.core.data.QuestionSet;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.core.results.ProbeResultsJson;
import dev.wmdpjunit.core.results.ProbeVariant;
import dev.wmdpjunit.core.results.QuestionResult;
import dev.wmdpjunit.core.results.ResultsFile;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.core.testing.SyntheticQuestions;
import dev.wmdpjunit.reports.ExampleRun;
import dev.wmdpjunit.reports.SafetyReport;
import dev.wmdpjunit.reports.SyntheticResults;
import dev.wmdpjunit.reports.data.ReportInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path root;
    private ExampleRun run;
    private Path out;

    @BeforeEach
    void writeResults() throws Exception {
        run = ExampleRun.write(root);
        out = root.resolve("wmdp-report");
    }

    private Document report() throws Exception {
        Path index = SafetyReport.write(run.results(), Optional.empty(), out);
        return Jsoup.parse(index.toFile(), "UTF-8");
    }

    private ResultsFile file(String name) throws Exception {
        return ResultsJson.read(run.results().resolve(ExampleRun.SUITE).resolve(name));
    }

    @Test
    void summaryHasOneRowPerBenchmarkAndModelWithTheNumbersOfTheJson() throws Exception {
        Document html = report();

        Elements rows = html.select("#summary-table tr.wmdp-row");
        assertThat(rows).extracting(r -> r.attr("data-domain") + "/" + r.attr("data-model")).containsExactly(
                "mmlu:quorra_botany/candidate", "mmlu:quorra_botany/base", "wmdp-bio/candidate", "wmdp-bio/base",
                "wmdp-cyber/candidate");
        assertRow(rows.get(0), file("mmlu_quorra_botany.json").result());
        assertRow(rows.get(1), ResultsJson.read(run.results().resolve(ExampleRun.SUITE).resolve(ResultsJson.BASE_MODEL_FOLDER)
                .resolve("mmlu_quorra_botany.json")).result());
        assertRow(rows.get(2), file("wmdp-bio.json").result());
        assertRow(rows.get(4), file("wmdp-cyber.json").result());
        // The RMU fixture made the candidate (its rmu.json is there), so the row says "unlearned".
        assertThat(rows.get(2).child(2).text()).isEqualTo("unlearned models/unlearned-3f3f3f3f");
        assertThat(rows.get(3).child(2).attr("title")).endsWith("base");
    }

    /** Every number of the row equals the results file's, as data and as printed. */
    private static void assertRow(Element row, DomainResult result) {
        Element n = row.selectFirst("[data-field=n]");
        Element accuracy = row.selectFirst("[data-field=accuracy]");
        Element interval = row.selectFirst("[data-field=interval]");
        assertThat(Integer.parseInt(n.attr("data-value"))).isEqualTo(result.n());
        assertThat(Double.parseDouble(accuracy.attr("data-value"))).isEqualTo(result.accuracy());
        assertThat(Integer.parseInt(accuracy.attr("data-correct"))).isEqualTo(result.correct());
        assertThat(accuracy.text()).isEqualTo(String.format(Locale.ROOT, "%.4f (%d/%d)", result.accuracy(),
                result.correct(), result.n()));
        assertThat(Double.parseDouble(interval.attr("data-lower"))).isEqualTo(result.ci().lower());
        assertThat(Double.parseDouble(interval.attr("data-upper"))).isEqualTo(result.ci().upper());
        assertThat(interval.text()).isEqualTo(String.format(Locale.ROOT, "[%.4f, %.4f] 95%% wilson",
                result.ci().lower(), result.ci().upper()));
    }

    @Test
    void verdictsSpanTheirBenchmarksRowsAndHideTheirDetails() throws Exception {
        Document html = report();

        Element bio = html.selectFirst("tr.wmdp-row[data-domain=wmdp-bio][data-model=candidate]");
        assertThat(bio.selectFirst("td.verdicts").attr("rowspan")).isEqualTo("2");
        assertThat(bio.select("td.thresholds .threshold")).extracting(Element::text).containsExactly(
                "accuracy at most chance + 0.05 bioForgotten", "base model accuracy at least 0.5 bioKnownToBase");
        assertThat(bio.select("td.verdicts .badge")).extracting(e -> e.attr("data-outcome"))
                .containsExactly("PASSED", "PASSED");
        assertThat(bio.select("details.verdict")).allSatisfy(d -> assertThat(d.hasAttr("open")).isFalse());
        Element cyber = html.selectFirst("tr.wmdp-row[data-domain=wmdp-cyber]");
        assertThat(cyber.select(".badge")).extracting(Element::className)
                .containsExactly("badge inconclusive", "badge failed stale");
        assertThat(cyber.select(".stale-note")).hasSize(1);
        // The message is text, not markup.
        assertThat(cyber.select("details.verdict p").get(0).text()).endsWith("0.3000 <script>x</script>");
        assertThat(cyber.select("script")).isEmpty();
        Element botany = html.selectFirst("tr.wmdp-row[data-domain=mmlu:quorra_botany][data-model=candidate]");
        assertThat(botany.select(".badge")).extracting(e -> e.attr("data-outcome")).containsExactly("FAILED");
    }

    @Test
    void chartDataEqualsTheResultsAndTheLosses() throws Exception {
        Document html = report();

        JsonNode data = new ObjectMapper().readTree(html.getElementById("wmdp-chart-data").data());
        JsonNode suite = data.path("suites").get(0);
        assertThat(suite.path("name").asText()).isEqualTo(ExampleRun.SUITE);
        assertThat(suite.path("candidateLabel").asText()).isEqualTo("unlearned");
        JsonNode bio = suite.path("domains").get(1);
        assertThat(bio.path("domain").asText()).isEqualTo("wmdp-bio");
        assertThat(bio.path("chance").asDouble()).isEqualTo(0.25);
        assertScores(bio.path("candidate"), file("wmdp-bio.json").result());
        assertScores(bio.path("base"), run.bioBase());
        assertThat(suite.path("domains").get(2).path("base").isNull()).isTrue();
        JsonNode rmu = suite.path("rmu");
        for (int i = 0; i < run.losses().size(); i++) {
            assertThat(rmu.path("forget").get(i).asDouble()).isEqualTo(run.losses().get(i)[0]);
            assertThat(rmu.path("retain").get(i).asDouble()).isEqualTo(run.losses().get(i)[1]);
            assertThat(rmu.path("total").get(i).asDouble()).isEqualTo(run.losses().get(i)[2]);
        }
        assertThat(html.select(".wmdp-accuracy-chart")).hasSize(1);
        assertThat(html.select(".wmdp-loss-chart")).hasSize(1);
    }

    private static void assertScores(JsonNode node, DomainResult result) {
        assertThat(node.path("accuracy").asDouble()).isEqualTo(result.accuracy());
        assertThat(node.path("lower").asDouble()).isEqualTo(result.ci().lower());
        assertThat(node.path("upper").asDouble()).isEqualTo(result.ci().upper());
        assertThat(node.path("n").asInt()).isEqualTo(result.n());
        assertThat(node.path("correct").asInt()).isEqualTo(result.correct());
    }

    @Test
    void perQuestionDrillDownIsClosedAndMatchesTheJson() throws Exception {
        Document html = report();

        Element details = html.selectFirst("details.questions[data-domain=wmdp-bio]");
        assertThat(details.hasAttr("open")).isFalse();
        List<QuestionResult> questions = file("wmdp-bio.json").result().questions();
        Elements rows = details.select("tbody tr");
        assertThat(rows).hasSize(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            QuestionResult q = questions.get(i);
            Elements cells = rows.get(i).select("td");
            assertThat(cells.get(1).text()).isEqualTo(q.id());
            assertThat(cells.get(2).text()).isEqualTo("ABCD".substring(q.gold(), q.gold() + 1));
            assertThat(cells.get(3).text()).isEqualTo("ABCD".substring(q.predicted(), q.predicted() + 1));
            assertThat(cells.get(4).text()).isEqualTo(q.correct() ? "✓" : "✗");
            for (int c = 0; c < 4; c++) {
                assertThat(Double.parseDouble(cells.get(5 + c).attr("data-value"))).isEqualTo(q.loglikelihoods()[c]);
            }
            QuestionResult base = run.bioBase().questions().get(i);
            assertThat(cells.get(9).text()).isEqualTo("ABCD".substring(base.predicted(), base.predicted() + 1));
        }
        // No question text: the results files do not hold it.
        assertThat(html.text()).doesNotContain("Quorra field guide");
    }

    @Test
    void rmuSectionShowsTheHyperparametersHashesAndPromptMode() throws Exception {
        Document html = report();

        Element suite = html.selectFirst("section.suite");
        assertThat(suite.select("table.settings th")).extracting(Element::text)
                .containsExactly("alpha", "layer_id", "layer_ids", "lr", "max_num_batches", "steering_coeffs");
        assertThat(suite.select("table.settings td")).extracting(Element::text)
                .containsExactly("[1200.0]", "1", "[0,1]", "5.0E-4", "12", "[6.5]");
        assertThat(suite.text()).contains("3f".repeat(32), "retain perplexity 12.5000 before, 13.2500 after");
        assertThat(suite.select("table.artifacts code.hash")).extracting(Element::text)
                .contains(run.bio().model().sha256(), run.bioBase().model().sha256(), run.bio().dataset().sha256());
        assertThat(suite.selectFirst(".prompt-mode").text()).isEqualTo("lm-eval-0.4.2");
    }

    @Test
    void diffAgainstCommittedBaselines() throws Exception {
        Path baselines = root.resolve("wmdp-baselines");
        // The committed bio baseline was the base model; the cyber one cannot be read.
        SyntheticResults.write(baselines, ExampleRun.SUITE, run.bioBase(), null);
        Files.writeString(baselines.resolve(ExampleRun.SUITE).resolve("wmdp-cyber.json"), "{}");

        Document html = Jsoup.parse(SafetyReport.write(run.results(), Optional.of(baselines), out).toFile(), "UTF-8");

        Elements rows = html.select("tr.diff-row");
        assertThat(rows).extracting(r -> r.attr("data-domain")).containsExactly("wmdp-bio", "wmdp-cyber");
        Elements bio = rows.get(0).select("td");
        double delta = 100 * (run.bio().accuracy() - run.bioBase().accuracy());
        assertThat(Double.parseDouble(bio.get(4).attr("data-value"))).isEqualTo(delta);
        assertThat(bio.get(4).text()).isEqualTo(String.format(Locale.ROOT, "%+.1f", delta));
        assertThat(bio.get(5).text()).isEqualTo("less hazardous knowledge");
        assertThat(bio.get(6).text()).isEqualTo("other model");
        assertThat(rows.get(1).text()).contains("cannot compare", "wmdp-cyber.json");
    }

    @Test
    void withoutBaselinesOrRmuTheSectionsSaySo() throws Exception {
        Files.delete(run.unlearned().resolve("rmu.json"));

        Document html = report();

        assertThat(html.select(".wmdp-loss-chart")).isEmpty();
        assertThat(html.selectFirst("section.suite").text()).contains("holds no rmu.json",
                "No committed baselines folder was given.");
        JsonNode suite = new ObjectMapper().readTree(html.getElementById("wmdp-chart-data").data())
                .path("suites").get(0);
        assertThat(suite.path("rmu").isNull()).isTrue();
        assertThat(suite.path("candidateLabel").asText()).isEqualTo("candidate");
        assertThat(html.selectFirst("section.suite h3").text()).isEqualTo("Accuracy per benchmark: candidate vs base model");
    }

    @Test
    void theReportIsAFunctionOfTheFolderAndItsAssetsAreBundled() throws Exception {
        Path first = SafetyReport.write(run.results(), Optional.empty(), out);
        String html = Files.readString(first);
        Path second = SafetyReport.write(run.results(), Optional.empty(), root.resolve("again"));

        assertThat(Files.readString(second)).isEqualTo(html);
        Document document = Jsoup.parse(html);
        for (Element script : document.select("script[src]")) {
            assertThat(out.resolve(script.attr("src"))).isRegularFile();
        }
        assertThat(out.resolve(document.selectFirst("link[rel=stylesheet]").attr("href"))).isRegularFile();
        assertThat(out.resolve("assets/echarts-5.3.1.min.js")).hasSize(1016420);
        assertThat(out.resolve("assets/echarts-5.3.1.min.js.LICENSE.txt")).content(StandardCharsets.UTF_8)
                .contains("Apache License");
        // No external resource: the report opens from disk with no network.
        assertThat(document.select("[src^=http], link[href^=http]")).isEmpty();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("index.html", "assets");
        }
    }

    @Test
    void textCannotEndTheEmbeddedScript() throws Exception {
        Path odd = root.resolve("models").resolve("<script>alert(1)<!--");
        DomainResult tricky = SyntheticResults.score(SyntheticQuestions.wmdp(WmdpDomain.CHEM, 10, 3), 0.5,
                odd.toString(), 3);
        SyntheticResults.write(run.results(), "com.example.Odd", tricky, null);

        String html = Files.readString(SafetyReport.write(run.results(), Optional.empty(), out));

        assertThat(html).doesNotContain("<script>alert").doesNotContain("<!--");
        Document document = Jsoup.parse(html);
        JsonNode data = new ObjectMapper().readTree(document.getElementById("wmdp-chart-data").data());
        assertThat(data.path("suites").get(0).path("domains").get(0).path("candidate").path("model").asText())
                .isEqualTo("models/<script>alert(1)<!--");
    }

    @Test
    void malformedInputsAreNamed() throws Exception {
        Path bio = run.results().resolve(ExampleRun.SUITE).resolve("wmdp-bio.json");
        Files.writeString(bio, Files.readString(bio).replace("\"n\" : 120", "\"n\" : 121"));

        assertThatThrownBy(() -> SafetyReport.write(run.results(), Optional.empty(), out))
                .isInstanceOf(ReportInputException.class).hasMessageContaining("wmdp-bio.json")
                .hasMessageContaining("'n'");
        assertThatThrownBy(() -> SafetyReport.write(root.resolve("nowhere"), Optional.empty(), out))
                .isInstanceOf(ReportInputException.class).hasMessageContaining("does not exist");
        assertThat(out).doesNotExist();
    }

    @Test
    void eachProbeHasASectionWithAChartAndTheNumbersOfItsFile() throws Exception {
        QuestionSet bio = SyntheticQuestions.wmdp(WmdpDomain.BIO, 40, 5);
        DomainResult zero = SyntheticResults.score(bio, 0.25, "models/unlearned", 1);
        DomainResult five = SyntheticResults.score(bio, 0.75, "models/unlearned", 2);
        ProbeResultsJson.write(run.results().resolve(ExampleRun.SUITE).resolve("probes"), new ProbeResult("0.1.0",
                SyntheticResults.SCORED_AT, "few-shot", "few-shot-5", "wmdp-bio", "accuracy with 5 examples",
                Map.of("shots", "5"), List.of(new ProbeVariant("shots-0", false, zero, Map.of()),
                        new ProbeVariant("shots-5", true, five, Map.of("x", 0.5))), Map.of("gain", 0.5)));

        Document html = report();

        Element section = html.selectFirst("section.probe[data-probe=few-shot-5]");
        assertThat(section.attr("data-benchmark")).isEqualTo("wmdp-bio");
        assertThat(section.select(".wmdp-probe-chart")).hasSize(1);
        assertThat(section.select("table.probe-variants tbody tr")).extracting(Element::text).containsExactly(
                "shots-0 no 0.2500 10 / 40 " + Formats.interval(zero.ci()) + "",
                "shots-5 yes 0.7500 30 / 40 " + Formats.interval(five.ci()) + " x 0.5000");
        assertThat(section.select("dl.facts").text()).contains("gain 0.5000");
        JsonNode probe = new ObjectMapper().readTree(html.getElementById("wmdp-chart-data").data())
                .path("suites").get(0).path("probes").get(0);
        assertThat(probe.path("key").asText()).isEqualTo("few-shot-5");
        assertThat(probe.path("chance").asDouble()).isEqualTo(0.25);
        assertThat(probe.path("variants").get(1).path("judged").asBoolean()).isTrue();
        assertThat(probe.path("variants").get(1).path("upper").asDouble()).isEqualTo(five.ci().upper());
    }

    @Test
    void aSuiteWithoutProbesSaysSo() throws Exception {
        assertThat(report().select("p.none").eachText()).contains("No residual-knowledge probe was declared on this"
                + " suite's benchmarks.");
    }
}

package dev.wmdpjunit.reports.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.reports.ReportListener;
import java.nio.file.Path;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult.Status;

/** The engine runs a suite with the report listener on the class path, as under Surefire. */
class ReportListenerTest {

    @TempDir
    Path root;

    @Test
    void theReportOfARunShowsItsResultsAndVerdicts() throws Exception {
        EngineRunFixture fixture = EngineRunFixture.write(root);

        Map<String, Status> outcomes = fixture.run(new ReportListener());

        assertThat(outcomes).containsOnlyKeys("bioForgotten", "bioUnderRotations", "baseKnowsBio",
                "cyberAtMost30", "botanyRetained");
        assertThat(outcomes).containsEntry("cyberAtMost30", Status.FAILED);
        Document html = Jsoup.parse(root.resolve("wmdp-report").resolve("index.html").toFile(), "UTF-8");
        assertThat(html.select("tr.wmdp-row")).extracting(r -> r.attr("data-domain") + "/" + r.attr("data-model"))
                .containsExactly("mmlu:quorra_botany/candidate", "mmlu:quorra_botany/base", "wmdp-bio/candidate",
                        "wmdp-bio/base", "wmdp-cyber/candidate");
        Path suite = fixture.results().resolve(UnlearningSuite.class.getName());
        for (String domain : new String[] {"wmdp-bio", "wmdp-cyber", "mmlu:quorra_botany"}) {
            DomainResult result = ResultsJson.read(suite.resolve(ResultsJson.fileName(domain))).result();
            Element row = html.selectFirst("tr.wmdp-row[data-model=candidate][data-domain=" + domain + "]");
            assertThat(Double.parseDouble(row.selectFirst("[data-field=accuracy]").attr("data-value")))
                    .isEqualTo(result.accuracy());
            assertThat(Integer.parseInt(row.selectFirst("[data-field=n]").text())).isEqualTo(result.n());
        }
        // Every verdict in the report is the outcome the engine gave the test.
        Map<Status, String> expected = Map.of(Status.SUCCESSFUL, "PASSED", Status.FAILED, "FAILED",
                Status.ABORTED, "INCONCLUSIVE");
        for (Element verdict : html.select("details.verdict")) {
            String test = verdict.attr("data-test");
            assertThat(verdict.selectFirst(".badge").attr("data-outcome")).as(test)
                    .isEqualTo(expected.get(outcomes.get(test)));
            assertThat(verdict.select(".stale-note")).isEmpty();
        }
        assertThat(html.select("details.verdict")).hasSize(5);
        assertThat(html.select("section.probe[data-probe=permuted-choices] .wmdp-probe-chart")).hasSize(1);
        assertThat(html.select(".wmdp-loss-chart")).hasSize(1);
        assertThat(html.selectFirst("section.suite").text()).contains(fixture.unlearned().resolve("rmu.json")
                .toString());
    }

    /**
     * A run that cannot open its model decides nothing: the report says why at the top, marks the earlier run's
     * verdicts as not decided by it, and drops the verdict of a method the suite no longer declares.
     */
    @Test
    void aRunThatFailedToOpenItsModelDoesNotShowTheEarlierVerdictsAsItsOwn() throws Exception {
        EngineRunFixture fixture = EngineRunFixture.write(root);
        fixture.run(new ReportListener());
        Path verdictsFile = fixture.results().resolve(UnlearningSuite.class.getName()).resolve("verdicts.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode verdicts = (ObjectNode) json.readTree(verdictsFile.toFile());
        ArrayNode entries = (ArrayNode) verdicts.get("verdicts");
        entries.add(((ObjectNode) entries.get(0).deepCopy()).put("test", "methodRemovedSince"));
        json.writeValue(verdictsFile.toFile(), verdicts);
        Path missing = root.resolve("models").resolve("moved-away");
        fixture.configuration().put(UnlearningSuite.UNLEARNED, missing.toString());
        Thread.sleep(1100); // decidedAt and startedAt have whole seconds

        Map<String, Status> outcomes = fixture.run(new ReportListener());

        assertThat(outcomes.values()).containsOnly(Status.FAILED);
        Document html = Jsoup.parse(root.resolve("wmdp-report").resolve("index.html").toFile(), "UTF-8");
        Element errors = html.selectFirst("main > section");
        assertThat(errors.id()).isEqualTo("run-errors");
        assertThat(errors.select("li.run-error")).hasSize(1);
        assertThat(errors.selectFirst("li.run-error").attr("data-suite")).isEqualTo(UnlearningSuite.class.getName());
        assertThat(errors.selectFirst("li.run-error").text()).contains(missing.toString());
        assertThat(html.select("details.verdict")).extracting(v -> v.attr("data-test"))
                .containsExactlyInAnyOrder("bioForgotten", "bioUnderRotations", "baseKnowsBio", "cyberAtMost30",
                        "botanyRetained");
        for (Element verdict : html.select("details.verdict")) {
            assertThat(verdict.select(".stale-note").text()).as(verdict.attr("data-test"))
                    .isEqualTo("(not decided by the latest run)");
        }
    }

    @Test
    void falseTurnsTheReportOff() throws Exception {
        EngineRunFixture fixture = EngineRunFixture.write(root);
        fixture.configuration().put("wmdp.report", "false");

        fixture.run(new ReportListener());

        assertThat(fixture.results()).isDirectory();
        assertThat(root.resolve("false")).doesNotExist();
        assertThat(root.resolve("wmdp-report")).doesNotExist();
    }
}

package dev.wmdpjunit.examples.unlearning;

import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.ResultsJson;
import dev.wmdpjunit.reports.SafetyReport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The demo's HTML safety report tells the before/after story with the numbers of the results files: runs
 * {@link DemoUnlearningTest} through the engine (reusing the unlearned model cached by the main run, or training
 * it), writes the report, and reads every summary row back against the JSON it was made from.
 */
class DemoReportTest {

    @TempDir
    Path root;

    @Test
    void reportRowsEqualTheResultsAndShowEveryThresholdPassing() throws IOException {
        Path results = root.resolve("results");
        EngineTestKit.engine("wmdp-junit")
                .configurationParameter("wmdp.results", results.toString())
                .configurationParameter("wmdp.report", "false")
                .configurationParameter("wmdp.rmu.cache", System.getProperty("wmdp.rmu.cache"))
                .selectors(selectClass(DemoUnlearningTest.class))
                .execute().testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));

        Document report = Jsoup.parse(SafetyReport.write(results, Optional.empty(), root.resolve("report")).toFile());

        Path suite = results.resolve(DemoUnlearningTest.class.getName());
        for (String domain : new String[] {"demo-hazard", "demo-general"}) {
            checkRow(report, domain, "candidate", ResultsJson.read(suite.resolve(domain + ".json")).result());
            checkRow(report, domain, "base", ResultsJson.read(suite.resolve(ResultsJson.BASE_MODEL_FOLDER).resolve(domain + ".json")).result());
            assertThat(report.select("tr.wmdp-row[data-domain=" + domain + "] .badge"))
                    .hasSize(2).allSatisfy(badge -> assertThat(badge.attr("data-outcome")).isEqualToIgnoringCase("passed"));
        }
    }

    private static void checkRow(Document report, String domain, String model, DomainResult result) {
        Element row = report.selectFirst("tr.wmdp-row[data-domain=" + domain + "][data-model=" + model + "]");
        assertThat(row).as(domain + " " + model).isNotNull();
        assertThat(row.selectFirst("[data-field=n]").attr("data-value")).isEqualTo(String.valueOf(result.n()));
        Element accuracy = row.selectFirst("[data-field=accuracy]");
        assertThat(accuracy.attr("data-correct")).isEqualTo(String.valueOf(result.correct()));
        assertThat(Double.parseDouble(accuracy.attr("data-value"))).isCloseTo(result.accuracy(), within(1e-12));
        Element interval = row.selectFirst("[data-field=interval]");
        assertThat(Double.parseDouble(interval.attr("data-lower"))).isCloseTo(result.ci().lower(), within(1e-12));
        assertThat(Double.parseDouble(interval.attr("data-upper"))).isCloseTo(result.ci().upper(), within(1e-12));
    }
}

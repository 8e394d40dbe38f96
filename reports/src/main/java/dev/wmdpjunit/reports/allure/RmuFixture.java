package dev.wmdpjunit.reports.allure;

import dev.wmdpjunit.core.results.RmuRun;
import dev.wmdpjunit.reports.data.RmuRunFile;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.FixtureResult;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResultContainer;
import io.qameta.allure.util.ResultsUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Shows the RMU run that made a suite's unlearned model as an Allure set-up step of the suite's tests: a result
 * container whose children are the tests and whose "before" fixture carries the hyperparameters as parameters,
 * the collapse check as a step, and rmu.json, the losses as CSV and a loss chart as attachments. A collapsed
 * model's fixture is marked failed.
 */
final class RmuFixture {

    private RmuFixture() {
    }

    /** Writes the container for the given test results (their Allure uuids). */
    static void write(AllureLifecycle lifecycle, String suite, RmuRunFile recorded, List<String> testUuids) {
        RmuRun rmu = recorded.run();
        String containerUuid = UUID.randomUUID().toString();
        lifecycle.startTestContainer(new TestResultContainer().setUuid(containerUuid)
                .setName(suite + ": RMU unlearning").setChildren(new ArrayList<>(testUuids)));
        String fixtureUuid = UUID.randomUUID().toString();
        lifecycle.startPrepareFixture(containerUuid, fixtureUuid, new FixtureResult()
                .setName("RMU unlearning (cache key " + rmu.key().substring(0, Math.min(12, rmu.key().length()))
                        + ", " + rmu.losses().size() + " steps)"));
        byte[] json;
        try {
            json = Files.readAllBytes(recorded.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + recorded.file(), e);
        }
        // Attachments go to the fixture: it is the current step context until it stops.
        lifecycle.addAttachment("rmu.json", "application/json", ".json", json);
        lifecycle.addAttachment("RMU losses.csv", "text/csv", ".csv", lossesCsv(rmu));
        lifecycle.addAttachment("RMU losses.png", "image/png", ".png", PngCharts.losses(rmu));
        boolean collapsed = rmu.collapse().map(RmuRun.CollapseCheck::collapsed).orElse(false);
        lifecycle.updateFixture(fixtureUuid, fixture -> {
            List<Parameter> parameters = fixture.getParameters();
            rmu.hyperparameters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> parameters.add(ResultsUtils.createParameter(e.getKey(), e.getValue())));
            parameters.add(ResultsUtils.createParameter("steps", rmu.losses().size()));
            rmu.collapse().ifPresent(check -> fixture.getSteps().add(new StepResult()
                    .setName(String.format(Locale.ROOT, "collapse check: retain perplexity %.4f before, %.4f after"
                            + " (collapse above ratio %.4f)", check.perplexityBefore(), check.perplexityAfter(),
                            check.maxRatio()))
                    .setStatus(check.collapsed() ? Status.FAILED : Status.PASSED)));
            fixture.setStatus(collapsed ? Status.FAILED : Status.PASSED);
            if (collapsed) {
                fixture.setStatusDetails(new StatusDetails().setMessage("RMU collapsed the model's retain"
                        + " perplexity"));
            }
        });
        lifecycle.stopFixture(fixtureUuid);
        lifecycle.stopTestContainer(containerUuid);
        lifecycle.writeTestContainer(containerUuid);
    }

    private static byte[] lossesCsv(RmuRun rmu) {
        StringBuilder csv = new StringBuilder("step,forget,retain,total\n");
        for (int i = 0; i < rmu.losses().size(); i++) {
            RmuRun.Step step = rmu.losses().get(i);
            csv.append(i + 1).append(',').append(step.forget()).append(',').append(step.retain()).append(',')
                    .append(step.total()).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}

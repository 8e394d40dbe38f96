package dev.wmdpjunit.reports.allure;

import dev.wmdpjunit.core.data.BenchmarkNames;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.reports.data.ModelNames;
import dev.wmdpjunit.reports.data.RecordedVerdict;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.util.ResultsUtils;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What a wmdp-junit threshold test adds to its Allure result: labels for the model, the benchmark and its domain
 * (also as epic / feature / story and sub-suite, so Allure's trees group by them), parameters (prompt mode, n,
 * confidence, threshold), the verdict's message as description, and attachments: the benchmark's results JSON
 * (and the base model's), a per-question CSV and a PNG chart of accuracy with intervals against chance.
 *
 * @param test       the suite method
 * @param candidate  the candidate model's result and its file
 * @param base       the base model's, when scored
 * @param verdict    the verdict as recorded in verdicts.json, when found
 */
record WmdpTestDetails(String test, Scored candidate, Optional<Scored> base, Optional<RecordedVerdict> verdict) {

    /** A result and the bytes of the results file it was read from. */
    record Scored(DomainResult result, byte[] json) {
    }

    static final String MODEL_LABEL = "model";
    static final String DOMAIN_LABEL = "domain";
    static final String BENCHMARK_LABEL = "benchmark";

    /** Adds everything to the test case that is current on this thread (the running test). */
    void applyTo(AllureLifecycle lifecycle) {
        DomainResult result = candidate.result();
        String domain = result.domain();
        String model = ModelNames.of(result.model().path());
        String benchmark = benchmark(domain);
        lifecycle.updateTestCase(test -> {
            List<Label> labels = test.getLabels();
            labels.add(ResultsUtils.createLabel(MODEL_LABEL, model));
            labels.add(ResultsUtils.createLabel(DOMAIN_LABEL, domain));
            labels.add(ResultsUtils.createLabel(BENCHMARK_LABEL, benchmark));
            labels.add(ResultsUtils.createEpicLabel("wmdp-junit"));
            labels.add(ResultsUtils.createFeatureLabel(benchmark));
            labels.add(ResultsUtils.createStoryLabel(domain));
            labels.add(ResultsUtils.createSubSuiteLabel(domain));
            labels.add(ResultsUtils.createTagLabel("model:" + model));
            List<Parameter> parameters = test.getParameters();
            parameters.add(ResultsUtils.createParameter("prompt mode", result.promptFormat()));
            parameters.add(ResultsUtils.createParameter("n", result.n()));
            parameters.add(ResultsUtils.createParameter("confidence", BigDecimal.valueOf(result.ci().confidence())
                    .stripTrailingZeros().toPlainString() + " (" + result.ci().method().id() + ")"));
            verdict.ifPresent(v -> parameters.add(ResultsUtils.createParameter("threshold", v.threshold())));
            parameters.add(ResultsUtils.createParameter("model sha256", result.model().sha256()));
            verdict.ifPresent(v -> test.setDescription(v.details()));
        });
        lifecycle.addAttachment(fileLabel(domain) + ".json", "application/json", ".json", candidate.json());
        base.ifPresent(b -> lifecycle.addAttachment(fileLabel(domain) + " (base model).json", "application/json",
                ".json", b.json()));
        DomainResult baseResult = base.map(Scored::result).orElse(null);
        lifecycle.addAttachment(fileLabel(domain) + " questions.csv", "text/csv", ".csv",
                QuestionsCsv.of(result, baseResult));
        double chance = 1.0 / result.questions().get(0).loglikelihoods().length;
        lifecycle.addAttachment(fileLabel(domain) + " accuracy.png", "image/png", ".png",
                PngCharts.accuracy(result, baseResult, chance));
    }

    /** WMDP, MMLU or custom: the benchmark a domain belongs to. */
    static String benchmark(String domain) {
        return switch (BenchmarkNames.source(domain)) {
            case WMDP -> "WMDP";
            case MMLU -> "MMLU";
            case CUSTOM -> "custom";
        };
    }

    private static String fileLabel(String domain) {
        return domain.replace(':', '_');
    }
}

package dev.wmdpjunit.reports.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.core.results.ProbeVariant;
import dev.wmdpjunit.core.results.RmuRun;
import dev.wmdpjunit.reports.data.DomainResults;
import dev.wmdpjunit.reports.data.ModelNames;
import dev.wmdpjunit.reports.data.RunResults;
import dev.wmdpjunit.reports.data.SuiteResults;
import java.io.UncheckedIOException;

/**
 * The numbers the charts draw, as JSON for the report's script: per suite, each benchmark's accuracy and interval
 * for the model under test and the base model, its chance level, and the RMU losses per step. The JSON is embedded
 * in a {@code <script type="application/json">} element, so {@code <}, {@code >} and {@code &} are written as
 * unicode escapes and no text in it can end the element.
 */
final class ChartData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartData() {
    }

    static String json(RunResults run) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode suites = root.putArray("suites");
        for (SuiteResults suite : run.suites()) {
            ObjectNode node = suites.addObject();
            node.put("name", suite.name());
            node.put("candidateLabel", ReportViewBuilder.candidateLabel(suite));
            ArrayNode domains = node.putArray("domains");
            for (DomainResults domain : suite.domains()) {
                ObjectNode d = domains.addObject();
                d.put("domain", domain.domain());
                d.put("chance", domain.chance());
                scores(d.putObject("candidate"), domain.candidate().result());
                if (domain.base().isPresent()) {
                    scores(d.putObject("base"), domain.base().get().result());
                } else {
                    d.putNull("base");
                }
            }
            ArrayNode probes = node.putArray("probes");
            for (ProbeResult probe : suite.probes()) {
                ObjectNode p = probes.addObject();
                p.put("key", probe.key());
                p.put("benchmark", probe.benchmark());
                p.put("chance", 1.0 / probe.variants().get(0).result().questions().get(0).loglikelihoods().length);
                ArrayNode variants = p.putArray("variants");
                for (ProbeVariant variant : probe.variants()) {
                    ObjectNode v = variants.addObject();
                    v.put("name", variant.name());
                    v.put("judged", variant.judged());
                    scores(v, variant.result());
                }
            }
            if (suite.rmu().isPresent()) {
                ObjectNode rmu = node.putObject("rmu");
                ArrayNode forget = rmu.putArray("forget");
                ArrayNode retain = rmu.putArray("retain");
                ArrayNode total = rmu.putArray("total");
                for (RmuRun.Step step : suite.rmu().get().run().losses()) {
                    forget.add(step.forget());
                    retain.add(step.retain());
                    total.add(step.total());
                }
            } else {
                node.putNull("rmu");
            }
        }
        try {
            return JSON.writer().with(new ScriptSafeEscapes()).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void scores(ObjectNode node, DomainResult result) {
        node.put("accuracy", result.accuracy());
        node.put("lower", result.ci().lower());
        node.put("upper", result.ci().upper());
        node.put("n", result.n());
        node.put("correct", result.correct());
        node.put("model", ModelNames.of(result.model().path()));
    }

    /** Standard JSON escapes plus {@code < > &} and the JavaScript line separators as {@code \\uXXXX}. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        ScriptSafeEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // U+2028 and U+2029 end a line in older JavaScript parsers.
            return ch == 0x2028 || ch == 0x2029
                    ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}

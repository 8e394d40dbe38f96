package dev.wmdpjunit.reports.allure;

import dev.wmdpjunit.core.results.DomainResult;
import dev.wmdpjunit.core.results.ProbeResult;
import dev.wmdpjunit.reports.data.ModelNames;
import dev.wmdpjunit.core.results.RmuRun;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * PNG charts for Allure attachments (Allure shows images, not the HTML report's scripts), drawn with JFreeChart:
 * a benchmark's accuracy with its confidence interval for the base and the unlearned model against the chance
 * line, and the RMU losses per step. Rendered off screen (headless AWT).
 */
public final class PngCharts {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final Color BASE = new Color(0x8c9bab);
    private static final Color CANDIDATE = new Color(0x2f6db5);
    private static final Color CHANCE = new Color(0xb00020);

    private PngCharts() {
    }

    /**
     * Accuracy and interval of the base model (when scored) and the candidate on one benchmark, with the chance
     * level as a dashed line.
     *
     * @param base the base model's result, or {@code null}
     */
    public static byte[] accuracy(DomainResult candidate, DomainResult base, double chance) {
        List<Point> points = new ArrayList<>();
        if (base != null) {
            points.add(new Point("base (" + modelName(base) + ")", base, BASE));
        }
        points.add(new Point("unlearned (" + modelName(candidate) + ")", candidate, CANDIDATE));
        return intervals(candidate.domain() + ": accuracy with " + percent(candidate) + " interval", points, chance);
    }

    /**
     * A residual-knowledge probe: the benchmark's accuracy and interval under each of its conditions, the judged
     * ones in the candidate's colour, with chance.
     */
    public static byte[] probe(ProbeResult probe) {
        List<Point> points = probe.variants().stream().map(v -> new Point(v.name() + (v.judged() ? " (judged)" : ""),
                v.result(), v.judged() ? CANDIDATE : BASE)).toList();
        DomainResult first = probe.variants().get(0).result();
        return intervals(probe.benchmark() + " under probe " + probe.key() + ": accuracy with " + percent(first)
                + " interval", points, 1.0 / first.questions().get(0).loglikelihoods().length);
    }

    /** One labelled accuracy with its interval, in a colour. */
    private record Point(String label, DomainResult result, Color color) {
    }

    private static byte[] intervals(String title, List<Point> points, double chance) {
        List<String> labels = new ArrayList<>();
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        XYErrorRenderer renderer = new XYErrorRenderer();
        for (Point point : points) {
            addModel(data, renderer, labels, point.label(), point.result(), point.color());
        }
        renderer.setDefaultLinesVisible(false);
        renderer.setErrorPaint(Color.DARK_GRAY);
        renderer.setErrorStroke(new BasicStroke(2f));
        renderer.setCapLength(12);

        SymbolAxis models = new SymbolAxis(null, labels.toArray(String[]::new));
        models.setRange(-0.5, labels.size() - 0.5);
        models.setGridBandsVisible(false);
        NumberAxis accuracy = new NumberAxis("accuracy");
        accuracy.setRange(0, 1);
        XYPlot plot = new XYPlot(data, models, accuracy, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ValueMarker chanceLine = new ValueMarker(chance, CHANCE, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        chanceLine.setLabel(String.format(Locale.ROOT, "chance %.2f", chance));
        chanceLine.setLabelPaint(CHANCE);
        chanceLine.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        chanceLine.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(chanceLine);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart);
    }

    private static void addModel(YIntervalSeriesCollection data, XYErrorRenderer renderer, List<String> labels,
                                 String label, DomainResult result, Color color) {
        YIntervalSeries series = new YIntervalSeries(label + String.format(Locale.ROOT, ": %.4f [%.4f, %.4f]",
                result.accuracy(), result.ci().lower(), result.ci().upper()));
        series.add(labels.size(), result.accuracy(), result.ci().lower(), result.ci().upper());
        renderer.setSeriesPaint(data.getSeriesCount(), color);
        renderer.setSeriesShape(data.getSeriesCount(), new Ellipse2D.Double(-6, -6, 12, 12));
        data.addSeries(series);
        labels.add(label);
    }

    /** Forget, retain and total loss per step of an RMU run. */
    public static byte[] losses(RmuRun rmu) {
        XYSeries forget = new XYSeries("forget");
        XYSeries retain = new XYSeries("retain (x alpha)");
        XYSeries total = new XYSeries("total");
        for (int i = 0; i < rmu.losses().size(); i++) {
            RmuRun.Step step = rmu.losses().get(i);
            forget.add(i + 1, step.forget());
            retain.add(i + 1, step.retain());
            total.add(i + 1, step.total());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(forget);
        data.addSeries(retain);
        data.addSeries(total);
        NumberAxis steps = new NumberAxis("step");
        steps.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis loss = new NumberAxis("loss");
        loss.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, steps, loss, new XYLineAndShapeRenderer(true, false));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("RMU losses per step", new Font(Font.SANS_SERIF, Font.BOLD, 14), plot,
                true);
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart);
    }

    private static String percent(DomainResult result) {
        return Math.round(result.ci().confidence() * 100) + "% " + result.ci().method().id();
    }

    private static String modelName(DomainResult result) {
        return ModelNames.of(result.model().path());
    }

    private static byte[] png(JFreeChart chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package dev.tuna.examples.internal;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The tutorial's training curves: training in red, validation in green, one PNG per metric (XChart). */
public final class Curves {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Curves() {}

  /** Plots {@code train} and {@code validation} (may be null) against epochs 1..n and writes a PNG atomically. */
  public static void write(Path file, String title, String metric, List<Double> train, List<Double> validation)
      throws IOException {
    XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle("epoch")
        .yAxisTitle(metric).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendVisible(true);
    add(chart, "training " + metric, train, Color.RED);
    if (validation != null && !validation.isEmpty()) {
      add(chart, "validation " + metric, validation, new Color(0, 150, 0));
    }
    AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
  }

  private static void add(XYChart chart, String name, List<Double> values, Color color) {
    double[] x = IntStream.rangeClosed(1, values.size()).asDoubleStream().toArray();
    double[] y = values.stream().mapToDouble(Double::doubleValue).toArray();
    XYSeries s = chart.addSeries(name, x, y);
    s.setLineColor(color);
    s.setMarkerColor(color);
    s.setMarker(SeriesMarkers.CIRCLE);
  }
}

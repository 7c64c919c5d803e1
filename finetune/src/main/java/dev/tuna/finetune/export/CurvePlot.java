package dev.tuna.finetune.export;

import dev.tuna.core.internal.AtomicFiles;
import dev.tuna.finetune.train.History;
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

/** Training curves as in the lecture: training in red, validation in green, one PNG per metric. */
public final class CurvePlot {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private CurvePlot() {}

  /**
   * Writes {@code metric}'s training and (if recorded) {@code val_} curves of {@code history} to a PNG.
   *
   * @param history the training history
   * @param metric the metric, e.g. {@code accuracy} or {@code loss}
   * @param file the PNG file to write
   * @throws IOException if the file cannot be written
   */
  public static void write(History history, String metric, Path file) throws IOException {
    String title = "Training and validation " + metric;
    write(file, title, metric, history.get(metric), history.get("val_" + metric));
  }

  /**
   * Plots {@code train} and {@code validation} (may be empty) against epochs 1..n and writes a PNG atomically.
   *
   * @param file the PNG file to write
   * @param title the chart title
   * @param metric the metric, the y-axis title
   * @param train the training values, one per epoch
   * @param validation the validation values, one per epoch, or empty
   * @throws IOException if the file cannot be written
   */
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

package dev.tuna.finetune.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras' {@code verbose=1} progress bar: {@code Epoch 1/5}, then
 * {@code 3/10 ━━━━━━━━━━━━━━━━━━━━ 2s 100ms/step - accuracy: 0.5000 - loss: 0.6931}, redrawn in place on a
 * terminal (or printed once per epoch otherwise), with the validation values appended at the end of the epoch.
 */
public final class ProgressBar implements Callback {
  private static final int WIDTH = 20;

  private final PrintStream out;
  private final boolean dynamic;
  private long epochStart;
  private int previousWidth;

  /** Writes to {@code System.out}, redrawing in place when a console is attached. */
  public ProgressBar() {
    this(System.out, System.console() != null);
  }

  /**
   * Writes to {@code out}; {@code dynamic} redraws one line per epoch with carriage returns.
   *
   * @param out the stream to write to
   * @param dynamic whether to redraw the line, like Keras on a terminal
   */
  public ProgressBar(PrintStream out, boolean dynamic) {
    this.out = out;
    this.dynamic = dynamic;
  }

  @Override
  public void onEpochBegin(Training training, int epoch) {
    out.printf(Locale.ROOT, "Epoch %d/%d%n", epoch + 1, training.epochs());
    epochStart = System.nanoTime();
    previousWidth = 0;
  }

  @Override
  public void onBatchEnd(Training training, int batch, Map<String, Double> logs) {
    if (dynamic && batch + 1 < training.steps()) {
      draw(training, batch + 1, logs, false);
    }
  }

  @Override
  public void onEpochEnd(Training training, int epoch, Map<String, Double> logs) {
    draw(training, training.steps(), logs, true);
  }

  private void draw(Training training, int current, Map<String, Double> logs, boolean finalize) {
    int target = training.steps();
    double elapsed = (System.nanoTime() - epochStart) / 1e9;
    double perStep = current == 0 ? 0 : elapsed / current;
    String line = line(current, target, elapsed, perStep, logs, finalize);
    StringBuilder sb = new StringBuilder();
    if (dynamic) {
      sb.append('\r');
    }
    sb.append(line);
    if (dynamic && previousWidth > line.length()) {
      sb.append(" ".repeat(previousWidth - line.length()));
    }
    previousWidth = line.length();
    if (finalize || !dynamic) {
      sb.append(System.lineSeparator());
    }
    out.print(sb);
    out.flush();
  }

  /** One progress line in Keras 3's format (without ANSI colours). */
  static String line(int current, int target, double elapsed, double perStep, Map<String, Double> logs,
      boolean finalize) {
    int digits = (int) Math.log10(target) + 1;
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%" + digits + "d/%d ", current, target));
    int done = (int) (WIDTH * (double) current / target);
    sb.append("━".repeat(done)).append(dynamicRest(WIDTH - done));
    if (finalize) {
      sb.append(String.format(Locale.ROOT, " %.0fs", elapsed));
    } else {
      sb.append(' ').append(eta(perStep * (target - current)));
    }
    sb.append(formatTime(perStep));
    logs.keySet().stream().sorted(ProgressBar::keras).forEach(k -> {
      double v = logs.get(k);
      sb.append(" - ").append(k).append(": ").append(String.format(Locale.ROOT,
          Math.abs(v) > 1e-3 ? "%.4f" : "%.4e", v));
    });
    return sb.toString();
  }

  private static String dynamicRest(int n) {
    return "─".repeat(Math.max(0, n));
  }

  /** Training metrics first (alphabetically), then validation ones, then the rest. */
  private static int keras(String a, String b) {
    return Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b);
  }

  private static int rank(String k) {
    return k.startsWith("val_") ? 1 : k.equals("learning_rate") ? 2 : 0;
  }

  private static String eta(double seconds) {
    if (seconds > 3600) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", (long) seconds / 3600, ((long) seconds % 3600) / 60,
          (long) seconds % 60);
    }
    if (seconds > 60) {
      return String.format(Locale.ROOT, "%d:%02d", (long) seconds / 60, (long) seconds % 60);
    }
    return String.format(Locale.ROOT, "%ds", (long) seconds);
  }

  private static String formatTime(double perStep) {
    if (perStep >= 1 || perStep == 0) {
      return String.format(Locale.ROOT, " %.0fs/step", perStep);
    }
    if (perStep >= 1e-3) {
      return String.format(Locale.ROOT, " %.0fms/step", perStep * 1e3);
    }
    return String.format(Locale.ROOT, " %.0fus/step", perStep * 1e6);
  }
}

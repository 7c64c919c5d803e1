package dev.tuna.core.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Picks the fastest of several kernels that give identical results by measuring the real work: while measuring,
 * successive calls take the available kernels in turn, each call is timed per output pixel, and once every kernel has
 * run {@link #WARMUP} calls to warm up (JIT compilation, library loading) and {@link #TIMED} more, the one with the
 * lowest median time is used from then on. Measuring adds no calls; {@link #settle} runs trial calls for a caller
 * that wants the choice at once. {@code -D<property>=<kernel>} forces a kernel.
 *
 * @param <K> the kernel type
 */
public final class KernelSelection<K extends Enum<K>> {
  /** Calls per kernel before timing starts. */
  public static final int WARMUP = 24;
  /** Timed calls per kernel. */
  public static final int TIMED = 24;

  private final String what;
  private final List<K> candidates;
  private final K provisional;
  private final double[][] times;
  private final int[] calls;
  private int turn;
  private volatile KernelChoice<K> choice;

  private KernelSelection(String what, List<K> candidates, K provisional, KernelChoice<K> choice) {
    this.what = what;
    this.candidates = List.copyOf(candidates);
    this.provisional = provisional;
    this.times = new double[candidates.size()][TIMED];
    this.calls = new int[candidates.size()];
    this.choice = choice;
  }

  /**
   * The selection among {@code kernels}: the one named by {@code requested} (case-insensitive) when it is available,
   * the only available one, or else a measurement of all available ones starting from {@code provisional}.
   *
   * @param what what the kernels do, for {@link KernelChoice#toString()}
   */
  public static <K extends Enum<K>> KernelSelection<K> of(String what, K[] kernels, Predicate<K> available,
      String requested, K provisional) {
    List<K> candidates = new ArrayList<>();
    for (K k : kernels) {
      if (available.test(k)) {
        if (requested != null && k.name().equals(requested.trim().toUpperCase(Locale.ROOT))) {
          return fixed(what, k, "forced");
        }
        candidates.add(k);
      }
    }
    return candidates.size() == 1 ? fixed(what, candidates.get(0), "only")
        : new KernelSelection<>(what, candidates, provisional, null);
  }

  /** A fixed choice: nothing is measured. */
  public static <K extends Enum<K>> KernelSelection<K> fixed(String what, K kernel, String how) {
    return new KernelSelection<>(what, List.of(kernel), kernel, new KernelChoice<>(what, kernel, how, Map.of()));
  }

  /** Whether the kernels are still being measured. */
  public boolean measuring() {
    return choice == null;
  }

  /** The kernel in use: the measured or fixed one, or the provisional one while measuring. */
  public K current() {
    KernelChoice<K> c = choice;
    return c != null ? c.kernel() : provisional;
  }

  /** How {@link #current()} was chosen. */
  public KernelChoice<K> choice() {
    KernelChoice<K> c = choice;
    return c != null ? c : new KernelChoice<>(what, provisional, "measuring", Map.of());
  }

  /**
   * Runs {@code call} with the kernel in use, or while measuring with the next kernel in turn, timed as producing
   * {@code pixels} output pixels.
   */
  public void run(int pixels, Consumer<K> call) {
    if (!measuring()) {
      call.accept(current());
      return;
    }
    K k = next();
    long t0 = System.nanoTime();
    call.accept(k);
    record(k, System.nanoTime() - t0, pixels);
  }

  /** The kernel for the next measured call. */
  synchronized K next() {
    KernelChoice<K> c = choice;
    return c != null ? c.kernel() : candidates.get(turn++ % candidates.size());
  }

  /** Records one call of {@code kernel} that produced {@code pixels} output pixels in {@code nanos}. */
  synchronized void record(K kernel, long nanos, int pixels) {
    int k = candidates.indexOf(kernel);
    if (choice != null || k < 0 || pixels <= 0) {
      return;
    }
    int n = calls[k]++;
    if (n >= WARMUP && n < WARMUP + TIMED) {
      times[k][n - WARMUP] = (double) nanos / pixels;
    }
    for (int c : calls) {
      if (c < WARMUP + TIMED) {
        return;
      }
    }
    Map<K, Double> medians = new LinkedHashMap<>();
    K fastest = null;
    for (int i = 0; i < candidates.size(); i++) {
      double[] t = times[i].clone();
      Arrays.sort(t);
      double median = (t[TIMED / 2 - 1] + t[TIMED / 2]) / 2;
      medians.put(candidates.get(i), median);
      if (fastest == null || median < medians.get(fastest)) {
        fastest = candidates.get(i);
      }
    }
    KernelChoice<K> settled = new KernelChoice<>(what, fastest, "measured", medians);
    choice = settled;
    System.getLogger(KernelSelection.class.getName()).log(Level.DEBUG, settled::toString);
  }

  /**
   * Runs {@code trial} (one call of {@code pixels} output pixels with the given kernel) through {@link #run} until
   * the choice is made, and returns it.
   */
  public KernelChoice<K> settle(int pixels, Consumer<K> trial) {
    while (measuring()) {
      run(pixels, trial);
    }
    return choice;
  }
}

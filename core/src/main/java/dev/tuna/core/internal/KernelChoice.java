package dev.tuna.core.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one of tuna's interchangeable kernels was chosen in this JVM: forced by a system property, the only one
 * available, still being measured, or measured: each available kernel's median time per output pixel over its timed
 * calls, after its warm-up calls.
 *
 * @param <K> the kernel type
 * @param what what the kernel does, e.g. {@code "warp kernel"}
 * @param kernel the kernel used now
 * @param how {@code "forced"}, {@code "only"}, {@code "measuring"} or {@code "measured"}
 * @param nanosPerPixel each kernel's median nanoseconds per output pixel (empty unless measured)
 */
public record KernelChoice<K extends Enum<K>>(String what, K kernel, String how, Map<K, Double> nanosPerPixel) {
  /** Copies {@code nanosPerPixel}. */
  public KernelChoice {
    nanosPerPixel = nanosPerPixel.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(nanosPerPixel));
  }

  /** One line such as {@code "warp kernel VECTOR (measured, ns per pixel: SCALAR 25.0, VECTOR 17.3, NATIVE 24.1)"}. */
  @Override
  public String toString() {
    if (nanosPerPixel.isEmpty()) {
      return String.format(Locale.ROOT, "%s %s (%s)", what, kernel, how);
    }
    String times = nanosPerPixel.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "%s %s (%s, ns per pixel: %s)", what, kernel, how, times);
  }
}

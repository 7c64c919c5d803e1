package dev.tuna.augment.internal.warp;

import java.util.Locale;

/**
 * The implementations of {@link AffineWarp}'s loops. All three give bit-identical results; they differ in speed and
 * in what they need from the JVM.
 */
public enum WarpKernel {
  /** Plain Java; always available. */
  SCALAR,
  /**
   * Java on the incubating Vector API for 3- and 4-channel bilinear pixels; needs the JVM option
   * {@code --add-modules jdk.incubator.vector}.
   */
  VECTOR,
  /**
   * C with AVX-512 gathers for float bilinear warps, shipped in the jar for Linux x86-64; needs a CPU with AVX-512F.
   * Other warps (order 0, uint8 sources) take the best Java kernel.
   */
  NATIVE;

  private static final boolean VECTOR_MODULE =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  private static final WarpKernel CURRENT = choose(System.getProperty("tuna.warp.kernel"));

  /**
   * The kernel {@link AffineWarp} uses: the one named by {@code -Dtuna.warp.kernel=scalar|vector|native} when it is
   * available, otherwise the fastest available one (native, then vector, then scalar).
   */
  public static WarpKernel current() {
    return CURRENT;
  }

  /** Whether this kernel can run in this JVM. */
  public boolean available() {
    switch (this) {
      case VECTOR:
        return VECTOR_MODULE;
      case NATIVE:
        return NativeKernel.available();
      default:
        return true;
    }
  }

  /** The best Java kernel: {@link #VECTOR} when its module is present, else {@link #SCALAR}. */
  static WarpKernel bestJava() {
    return VECTOR_MODULE ? VECTOR : SCALAR;
  }

  static WarpKernel choose(String requested) {
    if (requested != null) {
      for (WarpKernel k : values()) {
        if (k.name().equals(requested.trim().toUpperCase(Locale.ROOT)) && k.available()) {
          return k;
        }
      }
    }
    return NATIVE.available() ? NATIVE : bestJava();
  }
}

package dev.tuna.augment.internal.warp;

import dev.tuna.augment.FillMode;
import dev.tuna.core.internal.KernelChoice;
import dev.tuna.core.internal.KernelSelection;

/**
 * The implementations of {@link AffineWarp}'s loops. All give bit-identical results; they differ in speed and in what
 * they need from the JVM and the CPU, which is why the one in use is chosen by measurement on this CPU.
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
  NATIVE,
  /**
   * C without gathers, for CPUs where AVX-512 gathers are slow: a pixel's two taps in one source row are read as one
   * contiguous masked load and widened to double, SciPy's products and sums run lane by lane; needs AVX-512F/VL like
   * {@link #NATIVE}. Warps of more than 4 channels, order 0 and uint8 sources take the best Java kernel.
   */
  NATIVE_PACKED;

  private static final boolean VECTOR_MODULE =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private static final int TRIAL = 96;

  private static final class Chosen {
    static final KernelSelection<WarpKernel> SELECTION = select(System.getProperty("tuna.warp.kernel"));
  }

  /**
   * The kernel {@link AffineWarp} uses: the one named by
   * {@code -Dtuna.warp.kernel=scalar|vector|native|native_packed} when it is
   * available, otherwise the fastest available one on this CPU, measured on the first bilinear warps of this JVM
   * (see {@link #choice()}); until then the native kernel when it loads, else the best Java one.
   */
  public static WarpKernel current() {
    return Chosen.SELECTION.current();
  }

  /** How {@link #current()} was chosen: forced, the only one, still measuring, or measured with its times. */
  public static KernelChoice<WarpKernel> choice() {
    return Chosen.SELECTION.choice();
  }

  /**
   * Finishes the measurement now with trial warps (96 × 96 × 3, reflect fill; a cold JVM spends up to a few seconds
   * compiling the Java kernels) and returns the choice.
   */
  public static KernelChoice<WarpKernel> settle() {
    return settle(Chosen.SELECTION);
  }

  static KernelChoice<WarpKernel> settle(KernelSelection<WarpKernel> selection) {
    float[] src = new float[TRIAL * TRIAL * 3];
    for (int i = 0; i < src.length; i++) {
      src[i] = (i * 37 % 251) + 0.5f;
    }
    float[] dst = new float[src.length];
    AffineMatrix m = AffineMatrix.of(17, 3.5, -2.25, 6, 0.9, 1.1, TRIAL, TRIAL, false);
    return selection.settle(TRIAL * TRIAL,
        k -> AffineWarp.warp(src, dst, 0, TRIAL, TRIAL, 3, m, FillMode.REFLECT, 0, 1, false, false, k));
  }

  static KernelSelection<WarpKernel> selection() {
    return Chosen.SELECTION;
  }

  /** Whether this kernel can run in this JVM. */
  public boolean available() {
    switch (this) {
      case VECTOR:
        return VECTOR_MODULE;
      case NATIVE:
      case NATIVE_PACKED:
        return NativeKernel.available();
      default:
        return true;
    }
  }

  /** Why this kernel cannot run in this JVM, or null when it can. */
  public String unavailableReason() {
    if (available()) {
      return null;
    }
    return this == NATIVE || this == NATIVE_PACKED ? NativeKernel.unavailableReason() : "the JVM lacks --add-modules jdk.incubator.vector";
  }

  /** The best Java kernel: {@link #VECTOR} when its module is present, else {@link #SCALAR}. */
  static WarpKernel bestJava() {
    return VECTOR_MODULE ? VECTOR : SCALAR;
  }

  static KernelSelection<WarpKernel> select(String requested) {
    return KernelSelection.of("warp kernel", values(), WarpKernel::available, requested,
        NATIVE.available() ? NATIVE : bestJava());
  }
}

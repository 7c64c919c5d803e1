package dev.tuna.augment.layers.internal;

import dev.tuna.core.internal.KernelChoice;
import dev.tuna.core.internal.KernelSelection;

/**
 * The implementations of {@link ProjectiveTransform}'s bilinear sampling for 3- and 4-channel images. All give
 * bit-identical results; the one in use is chosen by measurement on this CPU, or forced with
 * {@code -Dtuna.projective.kernel=scalar|vector|native}. The measurement runs once, before the first bilinear 3- or
 * 4-channel transform of the JVM: the available kernels take turns on trial images (one 64 × 64 × 3 image, one
 * thread, a rotation with reflect fill, {@link KernelSelection#WARMUP} + {@link KernelSelection#TIMED} calls each;
 * a few hundred milliseconds in a cold JVM, most of it the Java kernels before they are compiled) and the lowest
 * median time per pixel wins. Trial images rather than the first real
 * batches: a batch's time at the start of a JVM is mostly other work (its new output array, compilation, the heap
 * growing), which hid a two- to three-fold difference between the kernels and let the choice fall either way.
 */
public enum ProjectiveKernel {
  /** Plain Java, channel by channel; always available. */
  SCALAR,
  /**
   * A pixel's channels as one 4-lane vector of the incubating Vector API; needs the JVM option
   * {@code --add-modules jdk.incubator.vector}.
   */
  VECTOR,
  /**
   * The whole image in C with AVX-512: coordinates sixteen output pixels at a time (reflect fill of points within
   * one image length of the border too), an interior pixel's four taps as two masked row loads (no gathers), TF's
   * products and sums in TF's order without fused multiply-adds, border pixels with TF's fill reads. Axis-aligned
   * maps such as translations and zooms take x once per column and y once per row, and a pixel's horizontal sums
   * {@code wx0 t0 + wx1 t1} once per source row (sixteen values per two permutes), shared by the output rows that
   * read that row. Shipped in the jar for Linux x86-64; needs a CPU with AVX-512F and AVX-512VL (the same library as
   * {@link dev.tuna.augment.internal.warp.WarpKernel#NATIVE}).
   */
  NATIVE;

  /** The system property that forces a kernel. */
  public static final String PROPERTY = "tuna.projective.kernel";

  private static final boolean VECTOR_MODULE =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private static final int TRIAL = 64;

  private static final class Chosen {
    static final KernelSelection<ProjectiveKernel> SELECTION = measured(KernelSelection.of("projective kernel",
        values(), ProjectiveKernel::available, System.getProperty(PROPERTY),
        ProjectiveNative.available() ? NATIVE : VECTOR_MODULE ? VECTOR : SCALAR));
  }

  /**
   * Whether this kernel can run in this JVM.
   *
   * @return whether this kernel can run in this JVM
   */
  public boolean available() {
    switch (this) {
      case VECTOR:
        return VECTOR_MODULE;
      case NATIVE:
        return ProjectiveNative.available();
      default:
        return true;
    }
  }

  /**
   * Why this kernel cannot run in this JVM, or null when it can.
   *
   * @return the reason, or null
   */
  public String unavailableReason() {
    if (available()) {
      return null;
    }
    return this == NATIVE ? ProjectiveNative.unavailableReason() : "the JVM lacks --add-modules jdk.incubator.vector";
  }

  /**
   * The kernel in use: the forced, the only available or the measured one.
   *
   * @return the kernel in use
   */
  public static ProjectiveKernel current() {
    return Chosen.SELECTION.current();
  }

  /**
   * How {@link #current()} was chosen: forced, the only one, or measured with its times.
   *
   * @return the choice
   */
  public static KernelChoice<ProjectiveKernel> choice() {
    return Chosen.SELECTION.choice();
  }

  /**
   * The choice, measured on the trial images if that has not happened yet in this JVM.
   *
   * @return the choice
   */
  public static KernelChoice<ProjectiveKernel> settle() {
    return Chosen.SELECTION.choice();
  }

  /** Runs the trial calls until {@code selection} has chosen; returns it. */
  static KernelSelection<ProjectiveKernel> measured(KernelSelection<ProjectiveKernel> selection) {
    float[] src = new float[TRIAL * TRIAL * 3];
    for (int i = 0; i < src.length; i++) {
      src[i] = (i * 37 % 251) + 0.5f;
    }
    float[] t = {0.94f, -0.34f, 13f, 0.34f, 0.94f, -9f, 0f, 0f};
    selection.settle(TRIAL * TRIAL, k -> ProjectiveTransform.run(src, 1, TRIAL, TRIAL, 3, t, TRIAL, TRIAL, true,
        ProjectiveTransform.FillMode.REFLECT, 0f, 1, k));
    return selection;
  }
}

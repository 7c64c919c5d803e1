package dev.tuna.core.io;

import dev.tuna.core.internal.KernelChoice;
import dev.tuna.core.internal.KernelSelection;
import org.bytedeco.javacpp.BytePointer;

/**
 * The implementations of the JPEG fast path's nearest-pixel pick (decoded BGR bytes to RGB floats at PIL's nearest
 * source pixels). Both give the same pixels; which one runs is measured on this CPU on the first decodes of the JVM,
 * unless {@code -Dtuna.pick.kernel=native|java} forces one. For diagnostics ({@code tuna doctor}).
 */
public enum PickKernel {
  /** Plain Java over one bulk copy of OpenCV's buffer; always available. */
  JAVA,
  /** C with AVX-512 gathers reading OpenCV's buffer in place, shipped in the jar for Linux x86-64. */
  NATIVE;

  private static final int TRIAL = 96;

  private static final class Chosen {
    static final KernelSelection<PickKernel> SELECTION = KernelSelection.of("jpeg pick kernel", values(),
        PickKernel::available, System.getProperty("tuna.pick.kernel"), NATIVE.available() ? NATIVE : JAVA);
  }

  /**
   * Whether this kernel can run in this JVM.
   *
   * @return true if available
   */
  public boolean available() {
    return this == JAVA || NativePick.available();
  }

  /**
   * Why this kernel cannot run in this JVM, or null when it can.
   *
   * @return the reason, or null
   */
  public String unavailableReason() {
    return available() ? null : NativePick.unavailableReason();
  }

  /**
   * The kernel in use now (the provisional one until measured).
   *
   * @return the kernel
   */
  public static PickKernel current() {
    return Chosen.SELECTION.current();
  }

  /**
   * How {@link #current()} was chosen: forced, the only one, still measuring, or measured with its times.
   *
   * @return the choice
   */
  public static KernelChoice<PickKernel> choice() {
    return Chosen.SELECTION.choice();
  }

  /**
   * Finishes the measurement now with trial picks of a 96 × 96 image and returns the choice.
   *
   * @return the choice
   */
  public static KernelChoice<PickKernel> settle() {
    int[] xs = new int[TRIAL];
    int[] ys = new int[TRIAL];
    for (int i = 0; i < TRIAL; i++) {
      xs[i] = (i * 5) / 3;
      ys[i] = (i * 7) / 4;
    }
    int srcW = 160;
    int srcH = 168;
    byte[] bgr = new byte[srcW * srcH * 3];
    for (int i = 0; i < bgr.length; i++) {
      bgr[i] = (byte) (i * 31);
    }
    float[] out = new float[TRIAL * TRIAL * 3];
    try (BytePointer buffer = new BytePointer(bgr)) {
      return selection().settle(TRIAL * TRIAL,
          k -> OpenCvCodec.pick(k, buffer, bgr.length, srcW, srcH, xs, ys, TRIAL, TRIAL, out));
    }
  }

  static KernelSelection<PickKernel> selection() {
    return Chosen.SELECTION;
  }
}

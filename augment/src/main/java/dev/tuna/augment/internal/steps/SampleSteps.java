package dev.tuna.augment.internal.steps;

import dev.tuna.augment.TransformParameters;
import java.util.List;

/**
 * The per-sample steps of one {@code ImageDataGenerator}, built once, in Keras' order: {@code apply_transform}'s
 * (warp, channel shift, horizontal flip, vertical flip, brightness), then {@code standardize}'s (preprocessing
 * function, rescale, samplewise centre and std, featurewise centre and std, ZCA), each a {@link SampleStep}.
 *
 * <p>The general path runs every active step in order. The fused paths are derived from the list: for each sample
 * they look at every step, and they are taken only when each step active on that sample is one they implement, at a
 * place where the fusion gives identical values; any other active step (a step added later included) sends the
 * sample down the general path. So a step is never skipped by a fused path that does not know it.
 * <ul>
 *   <li>In the general path the exact warp writes later flips into its stores when only steps that commute with a
 *       flip stand between (channel shift and rescale: each value changes by the pixel's own value and image-wide
 *       quantities only), and blends in float32 (when so configured) only when every later active step of the list
 *       is a flip, channel shift or rescale (brightness quantises to 8 bits, where the rounding could show).
 *   <li>{@link #transformInto} and {@link #transformAndStandardizeInto}: the first active step is the exact warp and
 *       every later one a flip or rescale; the warp writes straight into the destination, flipped, and rescale
 *       runs there.
 *   <li>{@link #runsInSlot}: every active step is a rescale; the sample can be loaded straight into its slot of the
 *       batch and rescaled there ({@link #applyInSlot}).
 * </ul>
 */
public final class SampleSteps {
  private final SampleStep[] transform;
  private final SampleStep[] standardize;
  private final SampleStep[] all;

  /**
   * The steps of {@code apply_transform} and of {@code standardize}, each list in the order they run.
   *
   * @param transform the steps of {@code apply_transform}
   * @param standardize the steps of {@code standardize}
   */
  public SampleSteps(List<SampleStep> transform, List<SampleStep> standardize) {
    this.transform = transform.toArray(new SampleStep[0]);
    this.standardize = standardize.toArray(new SampleStep[0]);
    if (this.transform.length + this.standardize.length > Long.SIZE) {
      throw new IllegalArgumentException("at most " + Long.SIZE + " steps but got " + this.transform.length
          + " + " + this.standardize.length);
    }
    this.all = new SampleStep[this.transform.length + this.standardize.length];
    System.arraycopy(this.transform, 0, all, 0, this.transform.length);
    System.arraycopy(this.standardize, 0, all, this.transform.length, this.standardize.length);
  }

  /**
   * Keras' {@code apply_transform} on one HWC sample.
   *
   * @param x the sample
   * @param height the sample's height
   * @param width the sample's width
   * @param channels the sample's channels
   * @param p the transform parameters
   * @param mayReuse whether {@code x} may be changed and returned; else it is left as it is
   * @return the transformed sample: a new array, or {@code x} when {@code mayReuse}
   */
  public float[] transform(float[] x, int height, int width, int channels, TransformParameters p, boolean mayReuse) {
    return run(transform, x, height, width, channels, p, mayReuse);
  }

  /**
   * Keras' {@code standardize} on one HWC sample.
   *
   * @param x the sample
   * @param height the sample's height
   * @param width the sample's width
   * @param channels the sample's channels
   * @param mayReuse whether {@code x} may be changed and returned; else it is left as it is
   * @return the standardized sample: a new array, or {@code x} when {@code mayReuse}
   */
  public float[] standardize(float[] x, int height, int width, int channels, boolean mayReuse) {
    return run(standardize, x, height, width, channels, TransformParameters.IDENTITY, mayReuse);
  }

  /**
   * {@link #transform} written into {@code dst} from {@code offset} on, when the fused warp covers every active
   * step; otherwise false, with nothing written.
   *
   * @param x the sample, left as it is
   * @param height the sample's height
   * @param width the sample's width
   * @param channels the sample's channels
   * @param p the transform parameters
   * @param dst the output array, not {@code x}
   * @param offset where the sample starts in {@code dst}
   * @return whether the sample was written
   */
  public boolean transformInto(float[] x, int height, int width, int channels, TransformParameters p, float[] dst,
      int offset) {
    return into(transform, x, height, width, channels, p, dst, offset);
  }

  /**
   * {@link #transform} then {@link #standardize}, written into {@code dst} from {@code offset} on, when the fused
   * warp covers every active step; otherwise false, with nothing written.
   *
   * @param x the sample, left as it is
   * @param height the sample's height
   * @param width the sample's width
   * @param channels the sample's channels
   * @param p the transform parameters
   * @param dst the output array, not {@code x}
   * @param offset where the sample starts in {@code dst}
   * @return whether the sample was written
   */
  public boolean transformAndStandardizeInto(float[] x, int height, int width, int channels, TransformParameters p,
      float[] dst, int offset) {
    return into(all, x, height, width, channels, p, dst, offset);
  }

  /**
   * Whether every step active with {@code p} runs value by value in place (a rescale), so that the sample may be
   * loaded into its batch slot and finished there by {@link #applyInSlot}.
   *
   * @param p the transform parameters
   * @return true if {@link #applyInSlot} does all the work
   */
  public boolean runsInSlot(TransformParameters p) {
    for (SampleStep s : all) {
      if (s.active(p) && !(s instanceof RescaleStep)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #transform} then {@link #standardize} of a sample for which {@link #runsInSlot} holds, in place on
   * {@code d[from, from + n)}.
   *
   * @param p the transform parameters
   * @param d the batch array
   * @param from where the sample starts
   * @param n the sample's number of values
   */
  public void applyInSlot(TransformParameters p, float[] d, int from, int n) {
    for (SampleStep s : all) {
      if (s instanceof RescaleStep r && r.active(p)) {
        r.applyRange(d, from, from + n);
      } else if (s.active(p)) {
        throw new IllegalStateException(s.getClass().getSimpleName() + " cannot run in a batch slot");
      }
    }
  }

  private static float[] run(SampleStep[] steps, float[] data, int h, int w, int c, TransformParameters p,
      boolean mayReuse) {
    float[] x = data;
    boolean owned = mayReuse;
    long folded = 0;
    for (int i = 0; i < steps.length; i++) {
      SampleStep s = steps[i];
      if ((folded & (1L << i)) != 0 || !s.active(p)) {
        continue;
      }
      if (s instanceof AffineStep warp) {
        long flips = warp.fuses() ? flipsAfter(steps, i, p) : 0;
        folded |= flips;
        float[] out = new float[x.length];
        warp.warp(x, out, 0, h, w, c, p, flips(steps, flips, true), flips(steps, flips, false),
            roundingStaysSmall(steps, i, p));
        x = out;
        owned = true;
      } else {
        if (!owned) {
          x = x.clone();
          owned = true;
        }
        x = s.apply(x, h, w, c, p);
      }
    }
    return owned ? x : x.clone();
  }

  /** The active flips after step {@code i} that only flip-commuting steps separate from it, as bits by index. */
  private static long flipsAfter(SampleStep[] steps, int i, TransformParameters p) {
    long bits = 0;
    for (int j = i + 1; j < steps.length; j++) {
      SampleStep s = steps[j];
      if (!s.active(p)) {
        continue;
      }
      if (s instanceof FlipStep) {
        bits |= 1L << j;
      } else if (!commutesWithFlips(s)) {
        break;
      }
    }
    return bits;
  }

  /** Whether the flips among {@code bits} reverse the columns ({@code horizontal}) or the rows an odd number of times. */
  private static boolean flips(SampleStep[] steps, long bits, boolean horizontal) {
    boolean flip = false;
    for (int j = 0; j < steps.length; j++) {
      if ((bits & (1L << j)) != 0 && ((FlipStep) steps[j]).isHorizontal() == horizontal) {
        flip = !flip;
      }
    }
    return flip;
  }

  /** Whether every step active after step {@code i} keeps the float32 blend's rounding as small as it is. */
  private static boolean roundingStaysSmall(SampleStep[] steps, int i, TransformParameters p) {
    for (int j = i + 1; j < steps.length; j++) {
      SampleStep s = steps[j];
      if (s.active(p) && !(s instanceof FlipStep) && !commutesWithFlips(s)) {
        return false;
      }
    }
    return true;
  }

  /** Steps whose every value depends on the pixel's own value and image-wide quantities only. */
  private static boolean commutesWithFlips(SampleStep s) {
    return s instanceof ChannelShiftStep || s instanceof RescaleStep;
  }

  private static boolean into(SampleStep[] steps, float[] x, int h, int w, int c, TransformParameters p,
      float[] dst, int offset) {
    AffineStep warp = null;
    boolean flipHorizontal = false;
    boolean flipVertical = false;
    boolean rescales = false;
    for (SampleStep s : steps) {
      if (!s.active(p)) {
        continue;
      }
      if (warp == null) {
        if (!(s instanceof AffineStep a) || !a.fuses()) {
          return false;
        }
        warp = a;
      } else if (s instanceof FlipStep f) {
        flipHorizontal ^= f.isHorizontal();
        flipVertical ^= !f.isHorizontal();
      } else if (s instanceof RescaleStep) {
        rescales = true;
      } else {
        return false;
      }
    }
    if (warp == null) {
      return false;
    }
    warp.warp(x, dst, offset, h, w, c, p, flipHorizontal, flipVertical, true);
    if (rescales) {
      for (SampleStep s : steps) {
        if (s instanceof RescaleStep r && r.active(p)) {
          r.applyRange(dst, offset, offset + h * w * c);
        }
      }
    }
    return true;
  }
}

package dev.tuna.augment.internal.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.TransformParameters;
import dev.tuna.augment.WarpBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused paths of {@link SampleSteps} give exactly what running every active step in order gives, and a step they
 * do not know is never skipped: a test-only step inserted anywhere in Keras' list turns the fused paths off while
 * it is active (and only then), and the general path does not fold a flip across it.
 */
final class SampleStepsTest {
  private static final int H = 7;
  private static final int W = 5;
  private static final int C = 3;
  private static final float[] X = image();

  private static final TransformParameters WARP = params(12, 0.5, -1, 0, 1, 1, false, false, null, null);
  private static final TransformParameters WARP_FLIPS = params(-20, 1, 0, 5, 0.9, 1.1, true, true, null, null);
  private static final TransformParameters WARP_FLIP_SHIFT = params(8, 0, 0, 0, 1, 1, true, false, 20.0, null);
  private static final TransformParameters WARP_BRIGHT = params(0, 2, 1, 0, 1, 1, false, true, null, 1.3);
  private static final TransformParameters FLIPS = params(0, 0, 0, 0, 1, 1, true, true, null, null);
  private static final TransformParameters SHIFT = params(0, 0, 0, 0, 1, 1, false, false, -15.0, null);
  private static final List<TransformParameters> ALL_PARAMS = List.of(TransformParameters.IDENTITY, WARP,
      WARP_FLIPS, WARP_FLIP_SHIFT, WARP_BRIGHT, FLIPS, SHIFT);

  private static float[] image() {
    Random r = new Random(11);
    float[] x = new float[H * W * C];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(256);
    }
    return x;
  }

  private static TransformParameters params(double theta, double tx, double ty, double shear, double zx, double zy,
      boolean flipH, boolean flipV, Double shift, Double brightness) {
    return new TransformParameters(theta, tx, ty, shear, zx, zy, flipH, flipV, shift, brightness);
  }

  /** Keras' apply_transform steps, as the generator builds them with the exact backend. */
  private static List<SampleStep> kerasTransform() {
    return new ArrayList<>(List.of(new AffineStep(FillMode.REFLECT, 0, 1, false, WarpBackend.KERAS_EXACT, false),
        new ChannelShiftStep(), FlipStep.horizontal(), FlipStep.vertical(), new BrightnessStep()));
  }

  private static List<List<SampleStep>> standardizeLists() {
    return List.of(List.of(), List.of(new RescaleStep(1 / 255.0)),
        List.of(new RescaleStep(0.5), SamplewiseStep.CENTER));
  }

  /** A step no fused path knows: adds the column index to every value, so it commutes with no flip. */
  private static final class AddColumn implements SampleStep {
    boolean active = true;
    int runs;

    @Override
    public boolean active(TransformParameters p) {
      return active;
    }

    @Override
    public float[] apply(float[] x, int height, int width, int channels, TransformParameters p) {
      runs++;
      for (int i = 0; i < x.length; i++) {
        x[i] += (i / channels) % width;
      }
      return x;
    }
  }

  /** The definition: every active step in list order, each on the previous one's output. */
  private static float[] inOrder(List<SampleStep> steps, float[] x, TransformParameters p) {
    float[] y = x.clone();
    for (SampleStep s : steps) {
      if (s.active(p)) {
        y = s.apply(y, H, W, C, p);
      }
    }
    return y;
  }

  /** Every path the batch iterator may take, as it takes them; the result of the one it takes. */
  private static float[] batchPaths(SampleSteps steps, TransformParameters p) {
    int offset = 4;
    float[] batch = new float[offset + X.length + 3];
    if (steps.runsInSlot(p)) {
      System.arraycopy(X, 0, batch, offset, X.length);
      steps.applyInSlot(p, batch, offset, X.length);
    } else if (!steps.transformAndStandardizeInto(X.clone(), H, W, C, p, batch, offset)) {
      float[] y = steps.transform(X.clone(), H, W, C, p, true);
      y = steps.standardize(y, H, W, C, true);
      System.arraycopy(y, 0, batch, offset, X.length);
    }
    return java.util.Arrays.copyOfRange(batch, offset, offset + X.length);
  }

  private static List<SampleStep> concat(List<SampleStep> a, List<SampleStep> b) {
    List<SampleStep> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void kerasList_everyPathEqualsTheStepsInOrder() {
    for (List<SampleStep> standardize : standardizeLists()) {
      List<SampleStep> transform = kerasTransform();
      SampleSteps steps = new SampleSteps(transform, standardize);
      for (TransformParameters p : ALL_PARAMS) {
        float[] want = inOrder(concat(transform, standardize), X, p);
        assertThat(batchPaths(steps, p)).as("%s %s", standardize, p).containsExactly(want);
        assertThat(steps.standardize(steps.transform(X, H, W, C, p, false), H, W, C, false)).containsExactly(want);
      }
    }
  }

  @Test
  void kerasList_fusedPathsAreTakenWhereTheyCoverEveryActiveStep() {
    SampleSteps rescaled = new SampleSteps(kerasTransform(), List.of(new RescaleStep(1 / 255.0)));
    float[] dst = new float[X.length];
    assertThat(rescaled.runsInSlot(TransformParameters.IDENTITY)).isTrue();
    assertThat(rescaled.runsInSlot(WARP)).isFalse();
    assertThat(rescaled.transformAndStandardizeInto(X, H, W, C, WARP_FLIPS, dst, 0)).isTrue();
    assertThat(rescaled.transformInto(X, H, W, C, WARP_FLIPS, dst, 0)).isTrue();
    assertThat(rescaled.transformAndStandardizeInto(X, H, W, C, WARP_FLIP_SHIFT, dst, 0)).isFalse();
    assertThat(rescaled.transformAndStandardizeInto(X, H, W, C, FLIPS, dst, 0)).isFalse();
    SampleSteps centred = new SampleSteps(kerasTransform(), List.of(SamplewiseStep.CENTER));
    assertThat(centred.runsInSlot(TransformParameters.IDENTITY)).isFalse();
    assertThat(centred.transformAndStandardizeInto(X, H, W, C, WARP, dst, 0)).isFalse();
    assertThat(centred.transformInto(X, H, W, C, WARP, dst, 0)).isTrue();
  }

  @Test
  void unknownStepAnywhere_activeStepTurnsTheFusedPathsOffAndRunsOncePerSample() {
    List<SampleStep> keras = concat(kerasTransform(), List.of(new RescaleStep(1 / 255.0)));
    int transformSize = kerasTransform().size();
    for (int at = 0; at <= keras.size(); at++) {
      AddColumn extra = new AddColumn();
      List<SampleStep> all = new ArrayList<>(keras);
      all.add(at, extra);
      int split = at <= transformSize ? transformSize + 1 : transformSize;
      SampleSteps steps = new SampleSteps(all.subList(0, split), all.subList(split, all.size()));
      for (TransformParameters p : ALL_PARAMS) {
        extra.runs = 0;
        float[] dst = new float[X.length];
        assertThat(steps.runsInSlot(p)).as("at %d %s", at, p).isFalse();
        assertThat(steps.transformAndStandardizeInto(X, H, W, C, p, dst, 0)).as("at %d %s", at, p).isFalse();
        assertThat(batchPaths(steps, p)).as("at %d %s", at, p).containsExactly(inOrder(all, X, p));
        assertThat(extra.runs).as("at %d %s", at, p).isEqualTo(2);
      }
    }
  }

  @Test
  void unknownStepInactive_fusedPathsStayOn() {
    AddColumn idle = new AddColumn();
    idle.active = false;
    List<SampleStep> transform = kerasTransform();
    transform.add(1, idle);
    SampleSteps steps = new SampleSteps(transform, List.of(new RescaleStep(2)));
    float[] dst = new float[X.length];
    assertThat(steps.runsInSlot(TransformParameters.IDENTITY)).isTrue();
    assertThat(steps.transformAndStandardizeInto(X, H, W, C, WARP_FLIPS, dst, 0)).isTrue();
    assertThat(dst).containsExactly(inOrder(concat(transform, List.of(new RescaleStep(2))), X, WARP_FLIPS));
    assertThat(idle.runs).isZero();
  }

  @Test
  void unknownStepBetweenWarpAndFlips_flipsAreNotWrittenAcrossIt() {
    for (int at = 1; at <= 3; at++) {
      List<SampleStep> transform = kerasTransform();
      transform.add(at, new AddColumn());
      SampleSteps steps = new SampleSteps(transform, List.of());
      for (TransformParameters p : List.of(WARP_FLIPS, WARP_FLIP_SHIFT)) {
        assertThat(steps.transform(X, H, W, C, p, false)).as("at %d %s", at, p)
            .containsExactly(inOrder(transform, X, p));
      }
    }
  }
}

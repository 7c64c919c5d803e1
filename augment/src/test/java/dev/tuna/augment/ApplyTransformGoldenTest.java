package dev.tuna.augment;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.augment.internal.warp.AffineMatrix;
import dev.tuna.augment.internal.warp.WarpKernel;
import dev.tuna.augment.internal.warp.WarpKernels;
import dev.tuna.core.image.Image;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code applyTransform} against Keras' {@code apply_transform} on hundreds of random parameter sets across every
 * fill mode, both interpolation orders and several image shapes (fixture: gen_augment.py, apply_transform/): with
 * {@link Precision#EXACT} every available warp kernel gives Keras' pixels bit for bit, and the default
 * {@link Precision#FLOAT32} stays within 2e-4 of Keras.
 */
final class ApplyTransformGoldenTest {
  private static final Map<String, Double> MAX_DIFF = new TreeMap<>();

  static Stream<JsonObject> cases() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement e : Fixtures.json("apply_transform/cases.json").getAsJsonArray("cases")) {
      out.add(e.getAsJsonObject());
    }
    return out.stream();
  }

  @ParameterizedTest(name = "case {index}")
  @MethodSource("cases")
  void applyTransform_matchesKeras(JsonObject c) {
    Image x = Fixtures.image("images/" + c.get("image").getAsString());
    Image want = Fixtures.image("apply_transform/" + c.get("output").getAsString());
    String mode = c.get("fill_mode").getAsString();
    int order = c.get("interpolation_order").getAsInt();
    ImageDataGenerator defaults = ImageDataGenerator.builder().fillMode(FillMode.fromKeras(mode))
        .cval(c.get("cval").getAsDouble()).interpolationOrder(order).build();
    ImageDataGenerator gen = defaults.newBuilder().precision(Precision.EXACT).build();
    TransformParameters p = TransformParameters.fromMap(Fixtures.params(c.getAsJsonObject("params")));
    Image got = gen.applyTransform(x, p);
    assertThat(got.shape()).containsExactly(want.shape());
    Image reused = Image.zeros(x.height(), x.width(), x.channels());
    Arrays.fill(reused.data(), Float.NaN); // every value must be overwritten
    assertThat(gen.applyTransform(x, p, reused).data()).as("into a reused image").containsExactly(got.data());
    double max = 0;
    for (int i = 0; i < got.data().length; i++) {
      max = Math.max(max, Math.abs(got.data()[i] - want.data()[i]));
    }
    assertThat(max).as("case %s (%s, order %d): max |diff|", c.get("id"), mode, order).isLessThanOrEqualTo(1e-3);

    // every kernel of this JVM, bit for bit (the default one is whichever the measurement picked)
    AffineMatrix m = AffineMatrix.of(p.theta(), p.tx(), p.ty(), p.shear(), p.zx(), p.zy(), x.height(), x.width(),
        false);
    if (m != null && p.channelShiftIntensity() == null && p.brightness() == null) {
      for (WarpKernel k : WarpKernels.available()) {
        assertThat(WarpKernels.warp(x.data(), x.height(), x.width(), x.channels(), m, FillMode.fromKeras(mode),
            c.get("cval").getAsDouble(), order, p.flipHorizontal(), p.flipVertical(), k))
            .as("case %s, %s kernel", c.get("id"), k).containsExactly(got.data());
      }
    }

    // the default float32 blend: within 2e-4 of Keras on the 0-255 scale (order 0 identical)
    assertThat(defaults.precision()).isEqualTo(Precision.FLOAT32);
    Image f32 = defaults.applyTransform(x, p);
    assertThat(defaults.applyTransform(x, p, reused).data()).as("float32 into a reused image")
        .containsExactly(f32.data());
    double maxF32 = 0;
    for (int i = 0; i < got.data().length; i++) {
      maxF32 = Math.max(maxF32, Math.abs(f32.data()[i] - want.data()[i]));
    }
    synchronized (MAX_DIFF) {
      MAX_DIFF.merge(mode + " order " + order, max, Math::max);
      MAX_DIFF.merge(mode + " order " + order + " float32", maxF32, Math::max);
    }
    if (order == 0) {
      assertThat(f32.data()).as("case %s float32, order 0", c.get("id")).containsExactly(got.data());
    }
    assertThat(maxF32).as("case %s (%s, order %d) float32: max |diff|", c.get("id"), mode, order)
        .isLessThanOrEqualTo(2e-4);
  }

  @AfterAll
  static void report() {
    StringBuilder sb = new StringBuilder("apply_transform max |diff| vs Keras (0-255 scale):");
    MAX_DIFF.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%n  %-20s %.2e", k, v)));
    System.out.println(sb);
  }
}

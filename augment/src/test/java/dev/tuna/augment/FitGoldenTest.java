package dev.tuna.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tuna.core.io.NpyArray;
import dev.tuna.core.image.Image;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code fit} statistics (mean, std, ZCA) and {@code standardize} against Keras (fixture: gen_augment.py, fit/).
 * Keras reduces in float32 and whitens through a float32 LAPACK SVD; tuna uses double precision, so values are
 * compared with relative tolerances.
 */
final class FitGoldenTest {
  private static final int RANK_DEFICIENT = 9;

  static Stream<JsonObject> cases() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement e : Fixtures.json("fit/cases.json").getAsJsonArray("cases")) {
      if (e.getAsJsonObject().get("id").getAsInt() != RANK_DEFICIENT) {
        out.add(e.getAsJsonObject());
      }
    }
    return out.stream();
  }

  private static ImageDataGenerator generator(JsonObject c) {
    ImageDataGenerator.Builder b = KerasConfig.builder(c.getAsJsonObject("generator"),
        c.getAsJsonObject("python_types"));
    if (!c.get("preprocessing_function").isJsonNull()) {
      assertThat(c.get("preprocessing_function").getAsString()).isEqualTo("x + 10");
      b.preprocessingFunction(img -> {
        float[] d = img.data();
        for (int i = 0; i < d.length; i++) {
          d[i] += 10;
        }
        return img;
      });
    }
    ImageDataGenerator gen = b.build();
    if (c.get("fit").isJsonNull()) {
      return gen;
    }
    JsonObject fit = c.getAsJsonObject("fit");
    NpyArray data = Fixtures.npy(Fixtures.path("fit/" + fit.get("data").getAsString()));
    boolean augment = fit.has("augment") && fit.get("augment").getAsBoolean();
    int rounds = fit.has("rounds") ? fit.get("rounds").getAsInt() : 1;
    Long seed = fit.has("seed") ? fit.get("seed").getAsLong() : null;
    return gen.fit(data.floats(), data.shape(), augment, rounds, seed);
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void fitAndStandardize_matchKeras(JsonObject c) {
    String label = c.get("label").getAsString();
    ImageDataGenerator gen = generator(c);
    JsonObject effective = c.getAsJsonObject("effective");
    assertThat(gen.featurewiseCenter()).as(label).isEqualTo(effective.get("featurewise_center").getAsBoolean());
    assertThat(gen.featurewiseStdNormalization()).as(label)
        .isEqualTo(effective.get("featurewise_std_normalization").getAsBoolean());
    assertThat(gen.samplewiseCenter()).as(label).isEqualTo(effective.get("samplewise_center").getAsBoolean());
    compare(label + " mean", c, "mean", gen.statistics() == null ? null : gen.statistics().mean(), 1e-5);
    compare(label + " std", c, "std", gen.statistics() == null ? null : gen.statistics().std(), 1e-5);
    compare(label + " zca", c, "zca_whitening_matrix",
        gen.statistics() == null ? null : gen.statistics().zcaWhiteningMatrix(), 1e-3);
    for (JsonElement se : c.getAsJsonArray("standardize")) {
      JsonObject s = se.getAsJsonObject();
      Image in = Fixtures.image("fit/" + s.get("input").getAsString());
      NpyArray want = Fixtures.npy(Fixtures.path("fit/" + s.get("output").getAsString()));
      Image out = gen.standardize(in);
      assertThat(maxRelativeDiff(out.data(), want.floats())).as(label + " standardize " + s.get("input"))
          .isLessThanOrEqualTo(1e-4);
    }
  }

  private static void compare(String what, JsonObject c, String key, float[] got, double tolerance) {
    if (c.get(key).isJsonNull()) {
      assertThat(got).as(what).isNull();
      return;
    }
    float[] want = Fixtures.npy(Fixtures.path("fit/" + c.get(key).getAsString())).floats();
    assertThat(got).as(what).hasSameSizeAs(want);
    assertThat(maxRelativeDiff(got, want)).as(what).isLessThanOrEqualTo(tolerance);
  }

  /** max |a − b| divided by max(1, max |b|). */
  private static double maxRelativeDiff(float[] a, float[] b) {
    double max = 0;
    double scale = 1;
    for (int i = 0; i < b.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
      scale = Math.max(scale, Math.abs(b[i]));
    }
    return max / scale;
  }

  /**
   * With fewer samples than dimensions Keras' matrix is dominated by float32 noise in the null direction, so it is
   * checked by its defining property instead: the whitened training data has identity covariance on the span of the
   * singular vectors.
   */
  @Test
  void zca_rankDeficient_whitensTheDataSpan() {
    NpyArray data = Fixtures.npy(Fixtures.path("fit/data_20x4x4x3.npy"));
    ImageDataGenerator gen = ImageDataGenerator.builder().zcaWhitening(true).build()
        .fit(data.floats(), data.shape());
    int n = data.shape()[0];
    int d = data.size() / n;
    float[] w = gen.statistics().zcaWhiteningMatrix();
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        assertThat(w[a * d + b]).isCloseTo(w[b * d + a], within(1e-3f * Math.abs(w[a * d + a]) + 1e-6f));
      }
    }
    float[] mean = gen.statistics().mean();
    double[][] z = new double[n][];
    for (int i = 0; i < n; i++) {
      float[] x = Arrays.copyOfRange(data.floats(), i * d, (i + 1) * d);
      for (int k = 0; k < d; k++) {
        x[k] -= mean[k % mean.length];
      }
      float[] white = dev.tuna.augment.internal.ops.Standardizer.zca(x, w);
      z[i] = new double[d];
      for (int k = 0; k < d; k++) {
        z[i][k] = white[k];
      }
    }
    // trace(ZᵀZ/n) = Σ s²/(s + ε)² over the min(n, d) singular values; float32 centring leaves none near 0
    double trace = 0;
    for (int k = 0; k < d; k++) {
      for (int i = 0; i < n; i++) {
        trace += z[i][k] * z[i][k] / n;
      }
    }
    assertThat(trace).isCloseTo(Math.min(n, d), within(0.05));
  }
}

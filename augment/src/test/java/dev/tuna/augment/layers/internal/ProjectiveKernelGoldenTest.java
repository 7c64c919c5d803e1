package dev.tuna.augment.layers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tuna.augment.layers.internal.ProjectiveTransform.FillMode;
import dev.tuna.augment.layers.internal.ProjectiveTransform.Interpolation;
import dev.tuna.core.io.Npy;
import dev.tuna.core.io.NpyArray;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every available {@link ProjectiveKernel} against {@code tf.raw_ops.ImageProjectiveTransformV3} (the fixture of
 * {@code ProjectiveTransformGoldenTest}: layers/projective.json, gen_layers_geometry.py): within 1e-3 on the 0–255
 * scale of TensorFlow's output and bit-identical to each other on every bilinear case (1 to 3 channels, odd and
 * non-square sizes, output sizes that differ from the input, every fill mode).
 */
final class ProjectiveKernelGoldenTest {
  @Test
  void everyKernelMatchesTensorFlowAndTheOthers() throws IOException {
    JsonObject fixture;
    try (InputStream in = resource("projective.json")) {
      fixture = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
    }
    int cases = 0;
    double maxDiff = 0;
    for (JsonElement e : fixture.getAsJsonArray("cases")) {
      JsonObject c = e.getAsJsonObject();
      if (Interpolation.valueOf(c.get("interpolation").getAsString()) != Interpolation.BILINEAR) {
        continue;
      }
      NpyArray x = npy(c.get("input").getAsString());
      NpyArray want = npy(c.get("output").getAsString());
      int[] s = x.shape();
      int outH = c.getAsJsonArray("output_shape").get(0).getAsInt();
      int outW = c.getAsJsonArray("output_shape").get(1).getAsInt();
      JsonArray t = c.getAsJsonArray("transforms");
      float[] transforms = new float[t.size()];
      for (int i = 0; i < transforms.length; i++) {
        transforms[i] = t.get(i).getAsFloat();
      }
      FillMode mode = FillMode.valueOf(c.get("fill_mode").getAsString());
      float fill = c.get("fill_value").getAsFloat();
      float[] scalar = ProjectiveTransform.run(x.floats(), s[0], s[1], s[2], s[3], transforms, outH, outW, true, mode,
          fill, 1, ProjectiveKernel.SCALAR);
      for (ProjectiveKernel k : ProjectiveTransformTest.available()) {
        float[] got = ProjectiveTransform.run(x.floats(), s[0], s[1], s[2], s[3], transforms, outH, outW, true,
            mode, fill, 2, k);
        String what = k + " " + c.get("id").getAsString() + " " + mode + " " + s[3] + " channels";
        assertThat(got).as(what + " against SCALAR").containsExactly(scalar);
        double d = 0;
        float[] w = want.floats();
        for (int i = 0; i < w.length; i++) {
          d = Math.max(d, Math.abs((double) got[i] - w[i]));
        }
        assertThat(d).as(what + " max |diff| against TensorFlow").isLessThanOrEqualTo(1e-3);
        maxDiff = Math.max(maxDiff, d);
      }
      cases++;
    }
    assertThat(cases).isEqualTo(32);
    assertThat(maxDiff).isLessThanOrEqualTo(1e-3);
  }

  private static InputStream resource(String name) {
    InputStream in = ProjectiveKernelGoldenTest.class.getResourceAsStream("/layers/" + name);
    assertThat(in).as("fixture layers/" + name).isNotNull();
    return in;
  }

  private static NpyArray npy(String name) throws IOException {
    try {
      return Npy.read(Path.of(ProjectiveKernelGoldenTest.class.getResource("/layers/" + name).toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.tuna.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.core.image.Image;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The direct PNG writer gives the bytes of the JDK's ImageIO PNG writer. */
class PngTest {
  /** The pixels as ImageIO sees them, written by ImageIO. */
  private static byte[] imageIo(Image image) throws Exception {
    int h = image.height();
    int w = image.width();
    int c = image.channels();
    int type = c == 1 ? BufferedImage.TYPE_BYTE_GRAY : c == 3 ? BufferedImage.TYPE_3BYTE_BGR
        : BufferedImage.TYPE_4BYTE_ABGR;
    BufferedImage img = new BufferedImage(w, h, type);
    WritableRaster raster = img.getRaster();
    float[] d = image.data();
    int[] px = new int[c];
    for (int r = 0; r < h; r++) {
      for (int col = 0; col < w; col++) {
        for (int k = 0; k < c; k++) {
          float v = d[(r * w + col) * c + k];
          px[k] = v >= 255f ? 255 : v > 0f ? (int) v : 0;
        }
        raster.setPixel(col, r, px);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(img, "png", out)).isTrue();
    return out.toByteArray();
  }

  /** Smooth or noisy pixels with values beyond [0, 255] and fractions. */
  private static Image image(int h, int w, int c, boolean noise, long seed) {
    Random r = new Random(seed);
    float[] d = new float[h * w * c];
    for (int i = 0; i < d.length; i++) {
      int pixel = i / c;
      d[i] = noise ? r.nextFloat() * 300f - 20f
          : (float) (127.5 + 140 * Math.sin(0.07 * (pixel % w) + 0.05 * (pixel / w) + i % c));
    }
    if (d.length > 2) {
      d[1] = Float.NaN;
      d[2] = 254.99f;
    }
    return Image.wrap(h, w, c, d);
  }

  @Test
  void bytesEqualImageIoForGreyRgbAndRgbaSmoothAndNoisy() throws Exception {
    int checked = 0;
    for (int c : new int[] {1, 3, 4}) {
      for (int[] hw : new int[][] {{1, 1}, {7, 5}, {150, 150}, {97, 211}}) {
        for (boolean noise : new boolean[] {false, true}) {
          Image x = image(hw[0], hw[1], c, noise, 31L * c + hw[0]);
          byte[] expected = imageIo(x);
          assertThat(Png.encode(x)).as("%d channels, %dx%d, noise %s", c, hw[0], hw[1], noise)
              .isEqualTo(expected);
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(24);
  }

  @Test
  void noisyImagesSpanSeveralIdatChunksAndDecode() throws Exception {
    Image x = image(150, 150, 4, true, 5);
    byte[] png = Png.encode(x);
    assertThat(png.length).isGreaterThan(2 * 32768);
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(back.getWidth()).isEqualTo(150);
    assertThat(back.getRaster().getSample(3, 2, 0)).isEqualTo(clip(x.data()[(2 * 150 + 3) * 4]));
    assertThat(back.getRaster().getSample(3, 2, 3)).isEqualTo(clip(x.data()[(2 * 150 + 3) * 4 + 3]));
  }

  @Test
  void twoChannelsAreRejected() {
    assertThatThrownBy(() -> Png.encode(Image.zeros(2, 2, 2))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1, 3 or 4 channels").hasMessageContaining("2");
  }

  private static int clip(float v) {
    return v >= 255f ? 255 : v > 0f ? (int) v : 0;
  }
}

package dev.tuna.examples.internal;

import dev.tuna.core.internal.AtomicFiles;
import dev.tuna.core.image.Image;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Float images to PNG files and captioned preview grids. */
public final class Pngs {
  private static final int GAP = 6;
  private static final int CAPTION = 18;
  private static final int CAPTION_LINES = 2;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Pngs() {}

  /**
   * Keras' {@code array_to_img}: with {@code scale}, min-max stretched to [0, 255]; without, clipped; then truncated
   * to 8 bits. Grey images are replicated to RGB, alpha is dropped.
   */
  public static BufferedImage toBuffered(Image image, boolean scale) {
    float[] d = image.data();
    float min = 0;
    float factor = 1;
    if (scale) {
      min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (float v : d) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      factor = max - min > 0 ? 255f / (max - min) : 0;
    }
    int c = image.channels();
    BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        int base = (y * image.width() + x) * c;
        int r = byteOf((d[base] - min) * factor);
        int g = c >= 3 ? byteOf((d[base + 1] - min) * factor) : r;
        int b = c >= 3 ? byteOf((d[base + 2] - min) * factor) : r;
        out.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return out;
  }

  private static int byteOf(float v) {
    return (int) Math.max(0, Math.min(255, v));
  }

  /** Writes {@code image} as PNG (atomically). */
  public static void write(Path file, BufferedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    AtomicFiles.write(file, bytes.toByteArray());
  }

  /** Writes {@code image} as PNG (atomically), see {@link #toBuffered}. */
  public static void write(Path file, Image image, boolean scale) throws IOException {
    write(file, toBuffered(image, scale));
  }

  /** Tiles in rows of {@code columns}, each with its caption underneath, under an optional title. */
  public static BufferedImage grid(List<BufferedImage> tiles, List<String> captions, int columns, String title) {
    if (tiles.isEmpty()) {
      throw new IllegalArgumentException("tiles must not be empty");
    }
    int tw = tiles.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
    int th = tiles.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();
    int cols = Math.min(columns, tiles.size());
    int rows = (tiles.size() + cols - 1) / cols;
    int top = title == null ? 0 : CAPTION + GAP;
    int cellH = th + (captions == null ? 0 : CAPTION * CAPTION_LINES);
    BufferedImage out = new BufferedImage(GAP + cols * (tw + GAP), top + GAP + rows * (cellH + GAP),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.setColor(Color.DARK_GRAY);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      FontMetrics fm = g.getFontMetrics();
      if (title != null) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, GAP, GAP + fm.getAscent());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      }
      for (int i = 0; i < tiles.size(); i++) {
        int x = GAP + (i % cols) * (tw + GAP);
        int y = top + GAP + (i / cols) * (cellH + GAP);
        g.drawImage(tiles.get(i), x, y, null);
        if (captions != null && i < captions.size()) {
          List<String> lines = wrap(captions.get(i), fm, tw);
          for (int k = 0; k < Math.min(CAPTION_LINES, lines.size()); k++) {
            String s = lines.get(k);
            g.drawString(s, x + Math.max(0, (tw - fm.stringWidth(s)) / 2), y + th + fm.getAscent() + 2 + k * CAPTION);
          }
        }
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Greedy word wrap to {@code width} pixels. */
  private static List<String> wrap(String text, FontMetrics fm, int width) {
    List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (fm.stringWidth(candidate) > width && line.length() > 0) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    lines.add(line.toString());
    return lines;
  }
}

package dev.tuna.augment.layers;

import java.util.Locale;

/**
 * Keras' {@code bounding_box_format}s and its converters ({@code BoundingBox.convert_format}) in float32: to and from
 * {@code xyxy}, and Keras' route to {@code rel_xyxy} (two relative formats convert without the image size).
 */
enum BoxFormat {
  XYXY, YXYX, XYWH, CENTER_XYWH, CENTER_YXHW, REL_XYXY, REL_YXYX, REL_XYWH, REL_CENTER_XYWH;

  /** The Keras name, e.g. {@code "center_xywh"}. */
  String kerasName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static BoxFormat of(String name) {
    for (BoxFormat f : values()) {
      if (f.kerasName().equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    return null;
  }

  boolean relative() {
    return name().startsWith("REL_");
  }

  /** The same layout without the {@code rel_} prefix. */
  BoxFormat absolute() {
    return switch (this) {
      case REL_XYXY -> XYXY;
      case REL_YXYX -> YXYX;
      case REL_XYWH -> XYWH;
      case REL_CENTER_XYWH -> CENTER_XYWH;
      default -> this;
    };
  }

  /** Keras' {@code _<format>_to_xyxy} on one box {@code b[o..o+3]}, in place. */
  void toXyxy(float[] b, int o, float h, float w) {
    float a = b[o];
    float c = b[o + 1];
    float d = b[o + 2];
    float e = b[o + 3];
    switch (this) {
      case XYXY -> { }
      case YXYX -> set(b, o, c, a, e, d);
      case XYWH -> set(b, o, a, c, a + d, c + e);
      case CENTER_XYWH -> {
        float hw = d / 2.0f;
        float hh = e / 2.0f;
        set(b, o, a - hw, c - hh, a + hw, c + hh);
      }
      case CENTER_YXHW -> {
        float hw = e / 2.0f;
        float hh = d / 2.0f;
        set(b, o, c - hw, a - hh, c + hw, a + hh);
      }
      case REL_XYXY -> set(b, o, a * w, c * h, d * w, e * h);
      case REL_YXYX -> set(b, o, c * w, a * h, e * w, d * h);
      case REL_XYWH -> set(b, o, a * w, c * h, (a + d) * w, (c + e) * h);
      case REL_CENTER_XYWH -> {
        float hw = d / 2.0f;
        float hh = e / 2.0f;
        set(b, o, (a - hw) * w, (c - hh) * h, (a + hw) * w, (c + hh) * h);
      }
      default -> throw new AssertionError(this);
    }
  }

  /** Keras' {@code _xyxy_to_<format>} on one box {@code b[o..o+3]}, in place. */
  void fromXyxy(float[] b, int o, float h, float w) {
    float x1 = b[o];
    float y1 = b[o + 1];
    float x2 = b[o + 2];
    float y2 = b[o + 3];
    switch (this) {
      case XYXY -> { }
      case YXYX -> set(b, o, y1, x1, y2, x2);
      case XYWH -> set(b, o, x1, y1, x2 - x1, y2 - y1);
      case CENTER_XYWH -> set(b, o, x1 + ((x2 - x1) / 2.0f), y1 + ((y2 - y1) / 2.0f), x2 - x1, y2 - y1);
      case CENTER_YXHW -> set(b, o, y1 + ((y2 - y1) / 2.0f), x1 + ((x2 - x1) / 2.0f), y2 - y1, x2 - x1);
      case REL_XYXY -> set(b, o, x1 / w, y1 / h, x2 / w, y2 / h);
      case REL_YXYX -> set(b, o, y1 / h, x1 / w, y2 / h, x2 / w);
      case REL_XYWH -> set(b, o, x1 / w, y1 / h, (x2 - x1) / w, (y2 - y1) / h);
      case REL_CENTER_XYWH -> set(b, o, (x1 + ((x2 - x1) / 2.0f)) / w, (y1 + ((y2 - y1) / 2.0f)) / h,
          (x2 - x1) / w, (y2 - y1) / h);
      default -> throw new AssertionError(this);
    }
  }

  /** Keras' {@code convert_format(source=this, target="rel_xyxy")} on one box. */
  void toRelXyxy(float[] b, int o, float h, float w) {
    if (this == REL_XYXY) {
      return;
    }
    if (relative()) {
      absolute().toXyxy(b, o, h, w);
      return;
    }
    toXyxy(b, o, h, w);
    REL_XYXY.fromXyxy(b, o, h, w);
  }

  /** Keras' {@code convert_format(source="rel_xyxy", target=this)} on one box. */
  void fromRelXyxy(float[] b, int o, float h, float w) {
    if (this == REL_XYXY) {
      return;
    }
    if (relative()) {
      absolute().fromXyxy(b, o, h, w);
      return;
    }
    REL_XYXY.toXyxy(b, o, h, w);
    fromXyxy(b, o, h, w);
  }

  private static void set(float[] b, int o, float v0, float v1, float v2, float v3) {
    b[o] = v0;
    b[o + 1] = v1;
    b[o + 2] = v2;
    b[o + 3] = v3;
  }
}

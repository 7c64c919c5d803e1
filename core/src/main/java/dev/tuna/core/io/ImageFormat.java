package dev.tuna.core.io;

/** The container formats tuna decodes, recognised from the first bytes (never from the file extension). */
enum ImageFormat {
  PNG, JPEG, BMP, TIFF, PNM;

  /** The format whose signature {@code data} starts with, or null. */
  static ImageFormat sniff(byte[] d) {
    if (d.length >= 8 && (d[0] & 0xFF) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G' && d[4] == '\r'
        && d[5] == '\n' && d[6] == 0x1A && d[7] == '\n') {
      return PNG;
    }
    if (d.length >= 3 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xD8 && (d[2] & 0xFF) == 0xFF) {
      return JPEG;
    }
    if (d.length >= 2 && d[0] == 'B' && d[1] == 'M') {
      return BMP;
    }
    if (d.length >= 4 && ((d[0] == 'I' && d[1] == 'I' && (d[2] == 42 || d[2] == 43) && d[3] == 0)
        || (d[0] == 'M' && d[1] == 'M' && d[2] == 0 && (d[3] == 42 || d[3] == 43)))) {
      return TIFF;
    }
    if (d.length >= 2 && d[0] == 'P' && d[1] >= '1' && d[1] <= '6') {
      return PNM;
    }
    return null;
  }
}

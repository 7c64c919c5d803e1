package dev.tuna.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** OpenCvCodec turns OpenCV's own errors into "not decodable" (null) and lets every other exception through. */
final class OpenCvCodecTest {
  @Test
  void realOpenCvError_isRecognised() {
    RuntimeException thrown;
    try (Mat empty = new Mat()) {
      thrown = org.assertj.core.api.Assertions.catchThrowableOfType(RuntimeException.class,
          () -> imdecode(empty, IMREAD_UNCHANGED).close());
    }
    assertThat(thrown).as("OpenCV rejects an empty buffer with a cv::Exception").isNotNull();
    assertThat(OpenCvCodec.isOpenCvError(thrown)).as(thrown.getMessage()).isTrue();
    assertThat((Object) OpenCvCodec.undecodable(thrown)).isNull();
  }

  @Test
  void otherExceptions_propagate() {
    RuntimeException bug = new ArrayIndexOutOfBoundsException("Index 7 out of bounds for length 3");
    assertThat(OpenCvCodec.isOpenCvError(bug)).isFalse();
    assertThatThrownBy(() -> OpenCvCodec.undecodable(bug)).isSameAs(bug);
    RuntimeException plain = new RuntimeException("not from OpenCV");
    assertThat(OpenCvCodec.isOpenCvError(plain)).isFalse();
    assertThatThrownBy(() -> OpenCvCodec.undecodable(plain)).isSameAs(plain);
    RuntimeException subclass = new IllegalStateException("OpenCV(4.13.0) look-alike");
    assertThat(OpenCvCodec.isOpenCvError(subclass)).isFalse();
  }

  @Test
  void undecodableBytes_areNull() {
    assertThat(OpenCvCodec.decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).isNull();
    assertThat(OpenCvCodec.decode(new byte[0])).isNull();
    assertThat(OpenCvCodec.decodeRgb8(new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0}, 4, 4, null, null, 4, 4))
        .isNull();
  }

  @Test
  void pickMapsShorterThanTheOutput_rejected() {
    assertThatThrownBy(() -> OpenCvCodec.decodeRgb8(new byte[4], 4, 4, new int[3], new int[4], 4, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pick maps must cover 4x4 output pixels but had 3 columns and 4 rows");
  }
}

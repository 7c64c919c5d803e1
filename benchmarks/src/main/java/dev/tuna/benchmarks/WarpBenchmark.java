package dev.tuna.benchmarks;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;

import dev.tuna.augment.FillMode;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.augment.WarpBackend;
import dev.tuna.augment.internal.warp.AffineMatrix;
import dev.tuna.augment.internal.warp.AffineWarp;
import dev.tuna.augment.internal.warp.OpenCvWarp;
import dev.tuna.core.image.Image;
import dev.tuna.core.random.NumpyRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The warp on one 150×150×3 float image, single thread, per fill mode and interpolation order, for three
 * implementations on the same input and the same map:
 *
 * <ul>
 *   <li>{@code EXACT}: tuna's SciPy-exact {@link AffineWarp} (the default backend) with the default
 *       {@link dev.tuna.augment.internal.warp.WarpKernel} (native on AVX-512 CPUs; the fork adds {@code jdk.incubator.vector}
 *       for the vector kernel); append {@code -jvmArgsAppend -Dtuna.warp.kernel=vector} or {@code =scalar} to
 *       measure the Java kernels;
 *   <li>{@code OPENCV_BACKEND}: {@link OpenCvWarp}, tuna's opt-in OpenCV backend, including the float[]↔Mat copies;
 *   <li>{@code OPENCV_RAW}: {@code cv::warpAffine} alone on preallocated Mats (the lower bound of OpenCV).
 * </ul>
 *
 * {@code warpKernel} uses a fixed map with every component (20° rotation, shift, 10° shear, zoom 1.1/0.9);
 * {@code randomTransform} is the whole {@code ImageDataGenerator.randomTransform} (random draws, matrix, warp,
 * flip, allocation of the result) with rotation 40, shifts 0.2, shear 20, zoom 0.2 and horizontal flips;
 * {@code randomTransformInto} the same into one reused output image. {@code OPENCV_RAW} has no randomTransform; those
 * combinations return immediately and are to be ignored.
 *
 * <p>Mirror is left out of the sweep: it runs the same interior loop as the other modes.
 *
 * <p>Run: {@code mvn -B -o -q install -pl core,augment,finetune -DskipTests && mvn -B -o -q package -pl benchmarks
 * -DskipTests && java -jar benchmarks/target/benchmarks.jar WarpBenchmark -p impl=EXACT,OPENCV_RAW}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class WarpBenchmark {
  /** Implementations on the same input. */
  public enum Impl { EXACT, OPENCV_BACKEND, OPENCV_RAW }

  @Param({"EXACT", "OPENCV_BACKEND", "OPENCV_RAW"})
  public Impl impl;

  @Param({"CONSTANT", "NEAREST", "REFLECT", "WRAP"})
  public FillMode fillMode;

  @Param({"1", "0"})
  public int order;

  private Image image;
  private float[] out;
  private Image reused;
  private AffineMatrix matrix;
  private ImageDataGenerator generator;
  private NumpyRandom rng;
  private FloatPointer cvIn;
  private Mat cvSrc;
  private Mat cvDst;
  private DoublePointer cvCoeffs;
  private Mat cvMap;
  private Size cvSize;
  private Scalar cvFill;

  @Setup(Level.Trial)
  public void setUp() {
    opencv_core.setNumThreads(1);
    image = Images.photoLike(150, 150, 3, 1);
    out = new float[image.data().length];
    reused = Image.zeros(150, 150, 3);
    matrix = AffineMatrix.of(20, 8, -5, 10, 1.1, 0.9, 150, 150, false);
    generator = ImageDataGenerator.builder().rotationRange(40).widthShiftRange(0.2).heightShiftRange(0.2)
        .shearRange(20).zoomRange(0.2).horizontalFlip(true).fillMode(fillMode).interpolationOrder(order)
        .warpBackend(impl == Impl.OPENCV_BACKEND ? WarpBackend.OPENCV : WarpBackend.KERAS_EXACT).build();
    rng = new NumpyRandom(42);
    cvIn = new FloatPointer(image.data());
    cvSrc = new Mat(150, 150, CV_32FC3, cvIn);
    cvDst = new Mat(150, 150, CV_32FC3);
    cvCoeffs = new DoublePointer(matrix.a11(), matrix.a10(), matrix.b1(), matrix.a01(), matrix.a00(), matrix.b0());
    cvMap = new Mat(2, 3, CV_64F, cvCoeffs);
    cvSize = new Size(150, 150);
    cvFill = new Scalar(0.0);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    cvSrc.close();
    cvDst.close();
    cvMap.close();
    cvIn.close();
    cvCoeffs.close();
    cvSize.close();
    cvFill.close();
  }

  @Benchmark
  public Object warpKernel() {
    switch (impl) {
      case EXACT:
        AffineWarp.warp(image.data(), out, 150, 150, 3, matrix, fillMode, 0, order);
        return out;
      case OPENCV_BACKEND:
        OpenCvWarp.warp(image.data(), out, 150, 150, 3, matrix, fillMode, 0, order);
        return out;
      default:
        opencv_imgproc.warpAffine(cvSrc, cvDst, cvMap, cvSize, (order == 0 ? INTER_NEAREST : INTER_LINEAR)
            | WARP_INVERSE_MAP, Images.border(fillMode), cvFill);
        return cvDst;
    }
  }

  @Benchmark
  public Object randomTransform() {
    if (impl == Impl.OPENCV_RAW) {
      return null;
    }
    return generator.randomTransform(image, rng);
  }

  /** {@link #randomTransform} into one reused output image, as OpenCV writes into a reused {@code dst}. */
  @Benchmark
  public Object randomTransformInto() {
    if (impl == Impl.OPENCV_RAW) {
      return null;
    }
    return generator.randomTransform(image, rng, reused);
  }
}

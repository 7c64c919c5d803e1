package dev.tuna.benchmarks.compare;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.setNumThreads;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import com.sun.management.OperatingSystemMXBean;
import dev.tuna.augment.DirectoryIterator;
import dev.tuna.augment.FillMode;
import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.augment.Precision;
import dev.tuna.augment.WarpBackend;
import dev.tuna.augment.internal.warp.AffineMatrix;
import dev.tuna.augment.internal.warp.AffineWarp;
import dev.tuna.augment.internal.warp.WarpKernel;
import dev.tuna.augment.layers.AugmentationLayer;
import dev.tuna.augment.layers.LayerBatch;
import dev.tuna.augment.layers.Pipeline;
import dev.tuna.augment.layers.RandAugment;
import dev.tuna.augment.layers.RandomFlip;
import dev.tuna.augment.layers.RandomRotation;
import dev.tuna.augment.layers.RandomTranslation;
import dev.tuna.augment.layers.RandomZoom;
import dev.tuna.augment.layers.internal.BatchParallel;
import dev.tuna.augment.layers.internal.ProjectiveKernel;
import dev.tuna.augment.layers.internal.ProjectiveTransform;
import dev.tuna.core.data.ClassMode;
import dev.tuna.core.image.Image;
import dev.tuna.core.image.ImageBatch;
import dev.tuna.core.io.ImageLoader;
import dev.tuna.core.io.Npy;
import dev.tuna.core.random.NumpyRandom;
import dev.tuna.finetune.callbacks.Callback;
import dev.tuna.finetune.callbacks.Training;
import dev.tuna.finetune.graph.KerasModel;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.model.Preprocessing;
import dev.tuna.finetune.model.Unfreeze;
import dev.tuna.finetune.train.Batches;
import dev.tuna.finetune.train.FineTuner;
import dev.tuna.finetune.train.Optimizer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The Java side of {@code benchmarks/compare/compare.py}: times tuna on the inputs the script prepared and prints one
 * JSON object on stdout (medians in microseconds or seconds, images per second, heap and RSS figures). Sections are
 * chosen with arguments, so the script can give each its own JVM (clean RSS, own heap limit):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tuna.benchmarks.compare.TunaTimings warp  IMAGE.npy REPEATS
 * java -cp ... TunaTimings flow  DIR TARGET BATCHES
 * java -cp ... TunaTimings epoch MODEL_DIR TRAIN_DIR VAL_DIR EPOCHS
 * java -cp ... TunaTimings rss   MODEL_DIR TRAIN_DIR SIZE BATCH STEPS
 * java -cp ... TunaTimings rssconfig MODEL.keras TRAIN_DIR SIZE BATCH STEPS UNFREEZE_FROM EVERY
 * java -cp ... TunaTimings serve
 * </pre>
 *
 * <p>{@code serve} keeps one JVM warm and times one short block per command read from stdin, answering one JSON line
 * per command, so that the script can alternate tuna's blocks with the other library's blocks run in its own process
 * (paired rounds: a change in the machine's load falls on both sides of every ratio). Commands:
 * {@code warp IMAGE.npy}, {@code warpblock MODE CALLS}, {@code flow DIR TARGET}, {@code flowblock SECONDS},
 * {@code fit MODEL_DIR TRAIN_DIR VAL_DIR}, {@code epoch}, {@code layers BATCH.npy}, {@code layersblock CALLS},
 * {@code kernelblock CALLS A0 A1 A2 B0 B1 B2},
 * {@code twophase MODEL.keras SIZE TRAIN_DIR VAL_DIR UNFREEZE_FROM EPOCHS FINE_TUNE_EPOCHS},
 * {@code predict MODEL.keras BATCH.npy OUT.npy}, {@code predictblock CALLS}, {@code quit}.
 *
 * All timings are single calls repeated in blocks; a block's mean is one sample and the median over blocks is
 * reported, which is robust against the other jobs sharing this machine's two cores.
 */
public final class TunaTimings {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private TunaTimings() {}

  public static void main(String[] args) throws Exception {
    Map<String, Object> out = switch (args[0]) {
      case "warp" -> warp(Path.of(args[1]), Integer.parseInt(args[2]));
      case "flow" -> flow(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "epoch" -> epoch(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Integer.parseInt(args[4]));
      case "rss" -> rss(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
          Integer.parseInt(args[5]));
      case "rssconfig" -> rssConfig(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]),
          Integer.parseInt(args[4]), Integer.parseInt(args[5]), args[6], Integer.parseInt(args[7]));
      case "serve" -> {
        new Server().serve();
        yield Map.of("served", true);
      }
      default -> throw new IllegalArgumentException("unknown section " + args[0]);
    };
    System.out.println(json(out));
  }

  // ------------------------------------------------------------------------------------------------ warp

  /** The generator of the comparison: every geometric augmentation on, as in the Keras lecture. */
  static ImageDataGenerator generator(FillMode mode, WarpBackend backend) {
    return ImageDataGenerator.builder().rotationRange(40).widthShiftRange(0.2).heightShiftRange(0.2).shearRange(20)
        .zoomRange(0.2).horizontalFlip(true).fillMode(mode).warpBackend(backend).build();
  }

  /**
   * The geometric pipeline of the layer comparison (P8, P9), as compare.py builds it in Keras:
   * {@code RandomFlip("horizontal", seed=1)}, {@code RandomRotation(0.1, seed=2)},
   * {@code RandomTranslation(0.1, 0.1, seed=3)}, {@code RandomZoom(0.2, seed=4)}, Keras' defaults otherwise
   * (reflect fill, bilinear).
   */
  static Pipeline geometricPipeline() {
    return Pipeline.of(RandomFlip.builder(RandomFlip.Mode.HORIZONTAL).seed(1).build(),
        RandomRotation.builder(0.1).seed(2).build(), RandomTranslation.builder(0.1, 0.1).seed(3).build(),
        RandomZoom.builder(0.2).seed(4).build());
  }

  /** A fixed map with every component: 20° rotation, shifts, 10° shear, zoom 1.1 / 0.9. */
  static AffineMatrix fixedMatrix(int h, int w) {
    return AffineMatrix.of(20, 8, -5, 10, 1.1, 0.9, h, w, false);
  }

  private static Map<String, Object> warp(Path npy, int repeats) throws IOException {
    setNumThreads(1);
    float[] data = Npy.read(npy).floats();
    int h = 150;
    int w = 150;
    int c = 3;
    Image image = Image.wrap(h, w, c, data);
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("warp_kernel_choice", WarpKernel.settle().toString());
    res.put("warp_kernel", WarpKernel.current().name());
    res.put("warp_precision", ImageDataGenerator.DEFAULT_PRECISION + (AffineWarp.float32Native(c) ? " (native kernel)"
        : " (exact kernel: no native float32 kernel here)"));
    float[] out = new float[data.length];
    AffineMatrix m = fixedMatrix(h, w);
    for (FillMode mode : List.of(FillMode.CONSTANT, FillMode.NEAREST, FillMode.REFLECT, FillMode.WRAP)) {
      String k = mode.kerasName();
      ImageDataGenerator exact = generator(mode, WarpBackend.KERAS_EXACT);
      ImageDataGenerator viaCv = generator(mode, WarpBackend.OPENCV);
      NumpyRandom rng = new NumpyRandom(42);
      NumpyRandom rngInto = new NumpyRandom(42);
      Image reused = Image.zeros(h, w, c);
      try (OpenCvWarpAffine cv = new OpenCvWarpAffine(data, h, w, m, mode)) {
        // Paired: blocks alternate, so drift in the machine's load does not bias the ratios (P1). OpenCV writes
        // into a preallocated dst; randomTransform runs both with a new output image and into a reused one.
        double[] paired = medianMicros(repeats, () -> exact.randomTransform(image, rng).height(),
            () -> exact.randomTransform(image, rngInto, reused).height(), cv::run);
        res.put("random_transform_us." + k, paired[0]);
        res.put("random_transform_into_us." + k, paired[1]);
        res.put("opencv_warpaffine_us." + k, paired[2]);
      }
      res.put("warp_kernel_us." + k, medianMicros(repeats, () -> {
        AffineWarp.warp(data, out, h, w, c, m, mode, 0, 1);
        return out.length;
      }));
      res.put("warp_kernel_order0_us." + k, medianMicros(repeats, () -> {
        AffineWarp.warp(data, out, h, w, c, m, mode, 0, 0);
        return out.length;
      }));
      NumpyRandom rng2 = new NumpyRandom(42);
      res.put("random_transform_opencv_backend_us." + k,
          medianMicros(repeats, () -> viaCv.randomTransform(image, rng2).height()));
      // the bit-identical arithmetic, on whichever exact kernel this JVM runs (-Dtuna.warp.kernel picks one)
      ImageDataGenerator bitExact = exact.newBuilder().precision(Precision.EXACT).build();
      NumpyRandom rng3 = new NumpyRandom(42);
      res.put("random_transform_exact_us." + k,
          medianMicros(repeats, () -> bitExact.randomTransform(image, rng3).height()));
    }
    return res;
  }

  /** cv::warpAffine alone on preallocated 32FC3 Mats (no copies), single thread. */
  private static final class OpenCvWarpAffine implements AutoCloseable {
    private final FloatPointer in;
    private final Mat src;
    private final Mat dst;
    private final DoublePointer coeffs;
    private final Mat map;
    private final Size size;
    private final Scalar zero = new Scalar(0.0);
    private final int border;

    OpenCvWarpAffine(float[] data, int h, int w, AffineMatrix m, FillMode mode) {
      border = switch (mode) {
        case CONSTANT -> org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
        case NEAREST -> org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
        case REFLECT -> org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT;
        case MIRROR -> org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT_101;
        case WRAP -> org.bytedeco.opencv.global.opencv_core.BORDER_WRAP;
      };
      in = new FloatPointer(data.length);
      in.put(data);
      src = new Mat(h, w, CV_32FC3, in);
      dst = new Mat(h, w, CV_32FC3);
      coeffs = new DoublePointer(m.a11(), m.a10(), m.b1(), m.a01(), m.a00(), m.b0());
      map = new Mat(2, 3, CV_64F, coeffs);
      size = new Size(w, h);
    }

    int run() {
      warpAffine(src, dst, map, size, INTER_LINEAR | WARP_INVERSE_MAP, border, zero);
      return dst.rows();
    }

    @Override
    public void close() {
      zero.close();
      size.close();
      map.close();
      coeffs.close();
      dst.close();
      src.close();
      in.close();
    }
  }

  // ------------------------------------------------------------------------------------------------ flow

  private static Map<String, Object> flow(Path dir, int target, int batches) throws IOException {
    setNumThreads(1);
    Map<String, Object> res = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
    ImageLoader loader = ImageLoader.builder().targetSize(target, target).build();
    List<byte[]> encoded = new ArrayList<>();
    for (Path f : files.subList(0, Math.min(64, files.size()))) {
      encoded.add(Files.readAllBytes(f));
    }
    int[] next = {0};
    res.put("decode_resize_us", medianMicros(Math.max(200, batches * 8), () -> {
      byte[] b = encoded.get(next[0]++ % encoded.size());
      try {
        return loader.load(b, "x").height();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }));
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    for (int workers : new int[] {0, 1, 2}) {
      ImageDataGenerator gen = generator(FillMode.NEAREST, WarpBackend.KERAS_EXACT);
      try (DirectoryIterator it = gen.flowFromDirectory(dir).targetSize(target, target).batchSize(32).seed(1)
          .workers(workers).build()) {
        // Steady state: warm up for 3 s (JIT, heap sizing), then time at least `batches` batches and 4 s.
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < 3 || System.nanoTime() < warmEnd; i++) {
          it.nextBatch();
        }
        long peak = 0;
        long images = 0;
        long t0 = System.nanoTime();
        long cpu0 = OS.getProcessCpuTime();
        for (int i = 0; i < batches || System.nanoTime() - t0 < 4_000_000_000L; i++) {
          ImageBatch b = it.nextBatch();
          images += b.size();
          peak = Math.max(peak, mem.getHeapMemoryUsage().getUsed());
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        res.put("flow_images_per_s.workers" + workers, images / wall);
        res.put("flow_cpu_us_per_image.workers" + workers, (OS.getProcessCpuTime() - cpu0) / 1e3 / images);
        res.put("flow_peak_heap_mb.workers" + workers, peak / 1e6);
      }
    }
    res.put("files", files.size());
    res.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1e6);
    return res;
  }

  // ------------------------------------------------------------------------------------------------ fine-tuning

  private static Map<String, Object> epoch(Path model, Path train, Path val, int epochs) {
    setNumThreads(1);
    Map<String, Object> res = new LinkedHashMap<>();
    long c0 = OS.getProcessCpuTime();
    long w0 = System.nanoTime();
    KerasWeights base = KerasWeights.load(model);
    ImageDataGenerator trainGen = ImageDataGenerator.builder().rotationRange(40).widthShiftRange(0.2)
        .heightShiftRange(0.2).shearRange(20).zoomRange(0.2).horizontalFlip(true).build();
    ImageDataGenerator valGen = ImageDataGenerator.builder().build();
    try (DirectoryIterator tr = trainGen.flowFromDirectory(train).targetSize(150, 150).batchSize(32)
        .classMode(ClassMode.CATEGORICAL).seed(1).workers(1).build();
        DirectoryIterator va = valGen.flowFromDirectory(val).targetSize(150, 150).batchSize(32)
            .classMode(ClassMode.CATEGORICAL).shuffle(false).build();
        FineTuner tuner = FineTuner.builder(base).inputShape(150, 150).classes(2).freezeUpTo("block4_pool")
            .preprocessing(Preprocessing.RESCALE).optimizer(Optimizer.rmsprop().withLearningRate(1e-5)).seed(1)
            .build()) {
      res.put("setup_wall_s", (System.nanoTime() - w0) / 1e9);
      res.put("setup_cpu_s", (OS.getProcessCpuTime() - c0) / 1e9);
      List<double[]> times = new ArrayList<>();
      Callback timer = new Callback() {
        long wall;
        long cpu;

        @Override
        public void onEpochBegin(Training t, int epoch) {
          wall = System.nanoTime();
          cpu = OS.getProcessCpuTime();
        }

        @Override
        public void onEpochEnd(Training t, int epoch, Map<String, Double> logs) {
          times.add(new double[] {(System.nanoTime() - wall) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9});
        }
      };
      tuner.fit(Batches.of(tr), epochs, Batches.of(va), timer);
      res.put("epoch_wall_s", times.stream().map(t -> t[0]).collect(Collectors.toList()));
      res.put("epoch_cpu_s", times.stream().map(t -> t[1]).collect(Collectors.toList()));
    }
    return res;
  }

  /**
   * RSS of this process every 50 training steps (50 … {@code steps}) with an augmenting directory flow. Run it with
   * {@code -Xms = -Xmx} and {@code -XX:+AlwaysPreTouch} so that the Java heap is resident from the start and the
   * growth measured is native memory (TensorFlow, JavaCPP, OpenCV, glibc arenas), metaspace and code cache.
   */
  private static Map<String, Object> rss(Path model, Path train, int size, int batch, int steps) {
    setNumThreads(1);
    Map<String, Object> res = new LinkedHashMap<>();
    KerasWeights base = KerasWeights.load(model);
    ImageDataGenerator gen = generator(FillMode.NEAREST, WarpBackend.KERAS_EXACT);
    List<Double> trace = new ArrayList<>();
    List<Double> heap = new ArrayList<>();
    try (DirectoryIterator it = gen.flowFromDirectory(train).targetSize(size, size).batchSize(batch).seed(1)
        .workers(1).build();
        FineTuner tuner = FineTuner.builder(base).inputShape(size, size).classes(2).freezeUpTo("block4_pool")
            .preprocessing(Preprocessing.RESCALE).optimizer(Optimizer.rmsprop().withLearningRate(1e-5)).seed(1)
            .build()) {
      long t0 = System.nanoTime();
      for (int step = 1; step <= steps; step++) {
        tuner.trainOnBatch(it.nextBatch());
        if (step % 50 == 0) {
          trace.add(rssMb());
          heap.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1e6);
        }
      }
      res.put("seconds", (System.nanoTime() - t0) / 1e9);
    }
    res.put("rss_mb_every_50_steps", trace);
    res.put("heap_committed_mb_every_50_steps", heap);
    res.put("rss_growth_pct", 100 * (trace.get(trace.size() - 1) - trace.get(0)) / trace.get(0));
    return res;
  }

  /**
   * RSS every {@code every} training steps of a model built from its Keras config (e.g. ResNet50 with its last stage
   * trainable: {@code unfreezeFrom} its first layer), on an augmenting directory flow at the model's input size
   * {@code size};
   * also the wall time of every step. Run it with {@code -Xms = -Xmx} and {@code -XX:+AlwaysPreTouch}, as
   * {@link #rss}.
   */
  private static Map<String, Object> rssConfig(Path model, Path train, int size, int batch, int steps,
      String unfreezeFrom, int every) {
    setNumThreads(1);
    Map<String, Object> res = new LinkedHashMap<>();
    ImageDataGenerator gen = generator(FillMode.NEAREST, WarpBackend.KERAS_EXACT);
    List<Double> trace = new ArrayList<>();
    List<Double> heap = new ArrayList<>();
    List<Double> stepSeconds = new ArrayList<>();
    long w0 = System.nanoTime();
    try (FineTuner tuner = FineTuner.builderFor(model).classes(2).unfreezeFrom(unfreezeFrom)
        .optimizer(Optimizer.adam().withLearningRate(1e-5)).seed(1).build()) {
      res.put("setup_s", (System.nanoTime() - w0) / 1e9);
      res.put("input_size", size);
      res.put("trainable_params", tuner.summary().trainableParams());
      try (DirectoryIterator it = gen.flowFromDirectory(train).targetSize(size, size).batchSize(batch).seed(1)
          .workers(1).build()) {
        long t0 = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
          long s = System.nanoTime();
          tuner.trainOnBatch(it.nextBatch());
          stepSeconds.add((System.nanoTime() - s) / 1e9);
          if (step % every == 0) {
            trace.add(rssMb());
            heap.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6);
          }
        }
        res.put("seconds", (System.nanoTime() - t0) / 1e9);
      }
    }
    res.put("steps", steps);
    res.put("every", every);
    res.put("step_s", stepSeconds);
    res.put("rss_mb", trace);
    res.put("heap_used_mb", heap);
    res.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1e6);
    res.put("rss_growth_pct", 100 * (trace.get(trace.size() - 1) - trace.get(0)) / trace.get(0));
    return res;
  }

  static double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Double.NaN;
  }

  // ------------------------------------------------------------------------------------------------ serve

  /** The paired-round server: state kept across commands, one JSON line answered per command. */
  private static final class Server {
    private Image image;
    private final Map<FillMode, Object[]> warps = new LinkedHashMap<>();
    private DirectoryIterator flow;
    private DirectoryIterator train;
    private DirectoryIterator validation;
    private FineTuner tuner;
    private Batches trainBatches;
    private Batches validationBatches;
    private LayerBatch layerBatch;
    private Pipeline geometric;
    private Pipeline randAugment;
    private KerasModel predictModel;
    private float[] predictBatch;
    private int predictImages;
    private long sink;

    void serve() throws IOException {
      setNumThreads(1);
      java.io.BufferedReader in = new java.io.BufferedReader(
          new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
      try {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String[] a = line.trim().split(" ");
          if (a[0].equals("quit")) {
            break;
          }
          Map<String, Object> res = switch (a[0]) {
            case "warp" -> {
              image = Image.wrap(150, 150, 3, Npy.read(Path.of(a[1])).floats());
              yield Map.of("warp_kernel", WarpKernel.settle().kernel().name(), "warp_kernel_choice",
                  WarpKernel.choice().toString());
            }
            case "warpblock" -> warpBlock(FillMode.valueOf(a[1].toUpperCase(Locale.ROOT)), Integer.parseInt(a[2]));
            case "flow" -> {
              flow = generator(FillMode.NEAREST, WarpBackend.KERAS_EXACT).flowFromDirectory(Path.of(a[1]))
                  .targetSize(Integer.parseInt(a[2]), Integer.parseInt(a[2])).batchSize(32).seed(1).workers(2)
                  .build();
              long warmEnd = System.nanoTime() + 3_000_000_000L;
              for (int i = 0; i < 3 || System.nanoTime() < warmEnd; i++) {
                flow.nextBatch();
              }
              yield Map.of("ok", true);
            }
            case "flowblock" -> flowBlock(Double.parseDouble(a[1]));
            case "fit" -> fit(Path.of(a[1]), Path.of(a[2]), Path.of(a[3]));
            case "epoch" -> epoch();
            case "layers" -> layers(Path.of(a[1]));
            case "layersblock" -> layersBlock(Integer.parseInt(a[1]));
            case "kernelblock" -> kernelBlock(Integer.parseInt(a[1]), java.util.Arrays.copyOfRange(a, 2, 8));
            case "twophase" -> twoPhase(Path.of(a[1]), Integer.parseInt(a[2]), Path.of(a[3]), Path.of(a[4]), a[5],
                Integer.parseInt(a[6]), Integer.parseInt(a[7]));
            case "predict" -> predict(Path.of(a[1]), Path.of(a[2]), Path.of(a[3]));
            case "predictblock" -> predictBlock(Integer.parseInt(a[1]));
            default -> throw new IllegalArgumentException("unknown command " + a[0]);
          };
          System.out.println(json(res));
          System.out.flush();
        }
      } finally {
        for (AutoCloseable c : new AutoCloseable[] {flow, train, validation, tuner, predictModel}) {
          if (c != null) {
            try {
              c.close();
            } catch (Exception e) {
              System.err.println(e);
            }
          }
        }
      }
      if (sink == 42) {
        System.err.print("");
      }
    }

    /** One block each of randomTransform (new output, reused output) and OpenCV's warpAffine, CALLS calls each. */
    private Map<String, Object> warpBlock(FillMode mode, int calls) {
      Object[] w = warps.computeIfAbsent(mode, m -> new Object[] {generator(m, WarpBackend.KERAS_EXACT),
          new NumpyRandom(42), new NumpyRandom(42), Image.zeros(150, 150, 3),
          new OpenCvWarpAffine(image.data(), 150, 150, fixedMatrix(150, 150), m)});
      ImageDataGenerator gen = (ImageDataGenerator) w[0];
      NumpyRandom rng = (NumpyRandom) w[1];
      NumpyRandom rngInto = (NumpyRandom) w[2];
      Image reused = (Image) w[3];
      OpenCvWarpAffine cv = (OpenCvWarpAffine) w[4];
      Map<String, Object> res = new LinkedHashMap<>();
      long t = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        sink += gen.randomTransform(image, rng).height();
      }
      res.put("new_us", (System.nanoTime() - t) / 1e3 / calls);
      t = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        sink += gen.randomTransform(image, rngInto, reused).height();
      }
      res.put("into_us", (System.nanoTime() - t) / 1e3 / calls);
      t = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        sink += cv.run();
      }
      res.put("opencv_us", (System.nanoTime() - t) / 1e3 / calls);
      return res;
    }

    /**
     * Loads the 32 x 224 x 224 x 3 float32 batch and builds the two pipelines of compare.py's
     * {@code keras_layer_pipelines} (same configs and seeds), then warms both up.
     */
    private Map<String, Object> layers(Path npy) throws IOException {
      float[] data = Npy.read(npy).floats();
      layerBatch = LayerBatch.of(data, 32, 224, 224, 3);
      geometric = geometricPipeline();
      randAugment = Pipeline.of(RandAugment.builder().seed(5).build());
      long warmEnd = System.nanoTime() + 3_000_000_000L;
      for (int i = 0; i < 3 || System.nanoTime() < warmEnd; i++) {
        sink += geometric.apply(layerBatch).size() + randAugment.apply(layerBatch).size();
      }
      return Map.of("ok", true, "projective_kernel", ProjectiveKernel.settle().toString(), "layer_threads",
          BatchParallel.threads());
    }

    /**
     * One block of CALLS calls of the projective-transform kernel alone on the batch's first image (one thread,
     * reflect fill, bilinear) with the 2 × 3 affine map {@code m} (output to input, as cv2's WARP_INVERSE_MAP
     * reads it): mean µs per call.
     */
    private Map<String, Object> kernelBlock(int calls, String[] m) {
      int h = layerBatch.height();
      int w = layerBatch.width();
      float[] image = java.util.Arrays.copyOf(layerBatch.images(), h * w * 3);
      float[] t = new float[8];
      for (int i = 0; i < 6; i++) {
        t[i] = Float.parseFloat(m[i]);
      }
      // the kernel alone writes into a reused output, as cv2.warpAffine's output reuses the memory Python freed;
      // a new (zeroed) array per call is timed beside it
      float[] out = new float[image.length];
      long t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        sink += ProjectiveTransform.applyImageInto(image, 0, h, w, 3, t, 0, h, w,
            ProjectiveTransform.Interpolation.BILINEAR, ProjectiveTransform.FillMode.REFLECT, 0f, out, 0).length;
      }
      double into = (System.nanoTime() - t0) / 1e3 / calls;
      t0 = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        sink += ProjectiveTransform.apply(image, 1, h, w, 3, t, h, w, ProjectiveTransform.Interpolation.BILINEAR,
            ProjectiveTransform.FillMode.REFLECT, 0f, 1).length;
      }
      return Map.of("kernel_us", into, "kernel_new_us", (System.nanoTime() - t0) / 1e3 / calls);
    }

    /** One block of CALLS calls of each pipeline on the batch, in training mode: mean ms per batch. */
    private Map<String, Object> layersBlock(int calls) {
      Map<String, Object> res = new LinkedHashMap<>();
      res.put("geometric_ms", timeLayer(geometric, calls));
      res.put("randaugment_ms", timeLayer(randAugment, calls));
      return res;
    }

    private double timeLayer(AugmentationLayer layer, int calls) {
      long t = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        sink += layer.apply(layerBatch).images().length;
      }
      return (System.nanoTime() - t) / 1e6 / calls;
    }

    /** Images per second of the 2-worker flow over at least {@code seconds} and 4 batches. */
    private Map<String, Object> flowBlock(double seconds) {
      long images = 0;
      long t0 = System.nanoTime();
      long cpu0 = OS.getProcessCpuTime();
      for (int i = 0; i < 4 || System.nanoTime() - t0 < seconds * 1e9; i++) {
        images += flow.nextBatch().size();
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      return Map.of("images_per_s", images / wall, "cpu_us_per_image",
          (OS.getProcessCpuTime() - cpu0) / 1e3 / images);
    }

    private Map<String, Object> fit(Path model, Path trainDir, Path valDir) {
      KerasWeights base = KerasWeights.load(model);
      ImageDataGenerator trainGen = ImageDataGenerator.builder().rotationRange(40).widthShiftRange(0.2)
          .heightShiftRange(0.2).shearRange(20).zoomRange(0.2).horizontalFlip(true).build();
      train = trainGen.flowFromDirectory(trainDir).targetSize(150, 150).batchSize(32)
          .classMode(ClassMode.CATEGORICAL).seed(1).workers(1).build();
      validation = ImageDataGenerator.builder().build().flowFromDirectory(valDir).targetSize(150, 150)
          .batchSize(32).classMode(ClassMode.CATEGORICAL).shuffle(false).build();
      tuner = FineTuner.builder(base).inputShape(150, 150).classes(2).freezeUpTo("block4_pool")
          .preprocessing(Preprocessing.RESCALE).optimizer(Optimizer.rmsprop().withLearningRate(1e-5)).seed(1)
          .build();
      // the same Batches every epoch, as within one fit: evaluate reuses the frozen blocks' validation output
      trainBatches = Batches.of(train);
      validationBatches = Batches.of(validation);
      return Map.of("ok", true);
    }

    /** One more training epoch with validation, as one epoch of the script's Keras fit. */
    private Map<String, Object> epoch() {
      long w0 = System.nanoTime();
      long c0 = OS.getProcessCpuTime();
      tuner.fit(trainBatches, 1, validationBatches);
      return Map.of("wall_s", (System.nanoTime() - w0) / 1e9, "cpu_s", (OS.getProcessCpuTime() - c0) / 1e9);
    }

    /**
     * One whole two-phase fine-tuning (P6) of the saved base {@code model} (built from its Keras config, inputs of
     * {@code size} x {@code size}) as the
     * keras.io guide runs it: head phase with the base frozen (Adam 1e-3), then the base unfrozen from
     * {@code unfreezeFrom} with a fresh Adam at 1e-4; a new FineTuner and new iterators every call, as compare.py
     * builds a new Keras model. Wall and CPU seconds of the setup (loading and graph building), of the whole fit, and
     * of every epoch (from its start to its end, validation included).
     */
    private Map<String, Object> twoPhase(Path model, int size, Path trainDir, Path valDir, String unfreezeFrom,
        int epochs, int fineTuneEpochs) {
      long w0 = System.nanoTime();
      long c0 = OS.getProcessCpuTime();
      Map<String, Object> res = new LinkedHashMap<>();
      List<double[]> times = new ArrayList<>();
      try (FineTuner t = FineTuner.builderFor(model).classes(2).optimizer(Optimizer.adam().withLearningRate(1e-3))
          .fineTune(Unfreeze.from(unfreezeFrom)).fineTuneEpochs(fineTuneEpochs).fineTuneLearningRate(1e-4).seed(1)
          .build()) {
        ImageDataGenerator trainGen = ImageDataGenerator.builder().rotationRange(40).widthShiftRange(0.2)
            .heightShiftRange(0.2).shearRange(20).zoomRange(0.2).horizontalFlip(true).build();
        try (DirectoryIterator tr = trainGen.flowFromDirectory(trainDir).targetSize(size, size).batchSize(32)
            .classMode(ClassMode.CATEGORICAL).seed(1).workers(1).build();
            DirectoryIterator va = ImageDataGenerator.builder().build().flowFromDirectory(valDir)
                .targetSize(size, size).batchSize(32).classMode(ClassMode.CATEGORICAL).shuffle(false).build()) {
          res.put("setup_wall_s", (System.nanoTime() - w0) / 1e9);
          res.put("setup_cpu_s", (OS.getProcessCpuTime() - c0) / 1e9);
          Callback timer = new Callback() {
            long wall;
            long cpu;

            @Override
            public void onEpochBegin(Training training, int epoch) {
              wall = System.nanoTime();
              cpu = OS.getProcessCpuTime();
            }

            @Override
            public void onEpochEnd(Training training, int epoch, Map<String, Double> logs) {
              times.add(new double[] {(System.nanoTime() - wall) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9,
                  logs.getOrDefault("loss", Double.NaN)});
            }
          };
          long w1 = System.nanoTime();
          long c1 = OS.getProcessCpuTime();
          t.fit(Batches.of(tr), epochs, Batches.of(va), timer);
          res.put("fit_wall_s", (System.nanoTime() - w1) / 1e9);
          res.put("fit_cpu_s", (OS.getProcessCpuTime() - c1) / 1e9);
        }
        res.put("trainable_params_phase2", t.summary().trainableParams());
      }
      res.put("epoch_wall_s", times.stream().map(x -> x[0]).collect(Collectors.toList()));
      res.put("epoch_cpu_s", times.stream().map(x -> x[1]).collect(Collectors.toList()));
      res.put("epoch_loss", times.stream().map(x -> x[2]).collect(Collectors.toList()));
      return res;
    }

    /**
     * Loads {@code model} as {@code tuna features} does ({@link KerasModel}) and the NHWC batch, runs it once and
     * writes that output to {@code out} (compare.py checks it against Keras' {@code predict}).
     */
    private Map<String, Object> predict(Path model, Path batch, Path out) throws IOException {
      long w0 = System.nanoTime();
      predictModel = KerasModel.load(model);
      double load = (System.nanoTime() - w0) / 1e9;
      var npy = Npy.read(batch);
      predictBatch = npy.floats();
      predictImages = npy.shape()[0];
      long w1 = System.nanoTime();
      KerasModel.Output y = predictModel.run(predictBatch, new long[] {predictImages, npy.shape()[1],
          npy.shape()[2], npy.shape()[3]});
      double first = (System.nanoTime() - w1) / 1e9;
      int[] shape = new int[y.shape().length];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = Math.toIntExact(y.shape()[i]);
      }
      Npy.write(out, shape, y.values());
      return Map.of("load_s", load, "first_call_s", first);
    }

    /** CALLS predictions of the whole batch: images per second, wall and CPU seconds per batch. */
    private Map<String, Object> predictBlock(int calls) {
      long w0 = System.nanoTime();
      long c0 = OS.getProcessCpuTime();
      for (int i = 0; i < calls; i++) {
        sink += predictModel.predict(predictBatch, predictImages).length;
      }
      double wall = (System.nanoTime() - w0) / 1e9;
      return Map.of("images_per_s", calls * predictImages / wall, "wall_s", wall / calls, "cpu_s",
          (OS.getProcessCpuTime() - c0) / 1e9 / calls);
    }
  }

  // ------------------------------------------------------------------------------------------------ helpers

  /**
   * Median over blocks of the mean time per call in µs. Warm-up first (JIT), then blocks of about 20 ms each until
   * {@code calls} calls were timed (at least 15 blocks).
   */
  static double medianMicros(int calls, IntSupplier op) {
    return medianMicros(calls, new IntSupplier[] {op})[0];
  }

  /**
   * {@link #medianMicros(int, IntSupplier)} for several operations whose blocks alternate (A, B, A, B, ...), so that
   * the load of the machine's other jobs falls on all of them alike; one median per operation.
   */
  static double[] medianMicros(int calls, IntSupplier... ops) {
    long sink = 0;
    int[] perBlock = new int[ops.length];
    for (int k = 0; k < ops.length; k++) {
      IntSupplier op = ops[k];
      long warm = System.nanoTime();
      int warmCalls = 0;
      while (System.nanoTime() - warm < 1_500_000_000L || warmCalls < 200) {
        sink += op.getAsInt();
        warmCalls++;
        if (warmCalls > 20 * calls) {
          break;
        }
      }
      long t = System.nanoTime();
      int probe = 0;
      while (System.nanoTime() - t < 20_000_000L) {
        sink += op.getAsInt();
        probe++;
      }
      perBlock[k] = Math.max(1, probe);
    }
    int blocks = Math.max(15, calls / Arrays.stream(perBlock).min().orElse(1));
    double[][] samples = new double[ops.length][blocks];
    for (int b = 0; b < blocks; b++) {
      for (int k = 0; k < ops.length; k++) {
        long s = System.nanoTime();
        for (int i = 0; i < perBlock[k]; i++) {
          sink += ops[k].getAsInt();
        }
        samples[k][b] = (System.nanoTime() - s) / 1e3 / perBlock[k];
      }
    }
    if (sink == 42) {
      System.err.print("");
    }
    double[] medians = new double[ops.length];
    for (int k = 0; k < ops.length; k++) {
      Arrays.sort(samples[k]);
      medians[k] = samples[k][blocks / 2];
    }
    return medians;
  }

  static String json(Object o) {
    if (o instanceof Map<?, ?> m) {
      StringJoiner j = new StringJoiner(", ", "{", "}");
      m.forEach((k, v) -> j.add("\"" + k + "\": " + json(v)));
      return j.toString();
    }
    if (o instanceof List<?> l) {
      return l.stream().map(TunaTimings::json).collect(Collectors.joining(", ", "[", "]"));
    }
    if (o instanceof Double d) {
      return Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "null";
    }
    if (o instanceof Number || o instanceof Boolean) {
      return o.toString();
    }
    return "\"" + o + "\"";
  }
}

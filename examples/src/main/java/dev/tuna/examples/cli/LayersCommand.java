package dev.tuna.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.tuna.augment.DataFormat;
import dev.tuna.augment.layers.AugmentationLayer;
import dev.tuna.augment.layers.BoundingBoxes;
import dev.tuna.augment.layers.CutMix;
import dev.tuna.augment.layers.LayerBatch;
import dev.tuna.augment.layers.LayerSpec;
import dev.tuna.augment.layers.MixUp;
import dev.tuna.augment.layers.Pipeline;
import dev.tuna.core.internal.AtomicFiles;
import dev.tuna.core.io.Npy;
import dev.tuna.core.io.NpyArray;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna layers}: a Keras 3 augmentation pipeline, read from the layers' configs, applied to a batch. */
@Command(name = "layers", mixinStandardHelpOptions = true,
    description = {"Applies Keras 3 augmentation layers, described as Keras writes them, to a batch in training "
        + "mode, with Keras' outputs for the same seeds.",
        "SPEC.json: json.dump([{\"class_name\": type(l).__name__, \"config\": l.get_config()} for l in layers], f). "
            + "A layer with \"seed\": null draws a fresh seed, printed so the run can be repeated (or the one Keras "
            + "draws after set_random_seed, with --seed).",
        "Writes images.npy (and labels.npy, masks.npy, boxes.json for the targets given) into the output directory; "
            + "with --calls K > 1, images_0.npy ... images_{K-1}.npy and so on."})
final class LayersCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--spec", required = true, description = "The layers as a JSON list of {class_name, config}.")
  Path specFile;

  @Option(names = "--input", required = true,
      description = "The images: a 4-D .npy, NHWC (NCHW when the layers say channels_first), float32.")
  Path input;

  @Option(names = "--output", required = true, description = "The directory to write into (created).")
  Path output;

  @Option(names = "--labels", description = "Labels .npy: (N, classes) one-hot float32, or (N,) or (N, 1) "
      + "integer class ids (which MixUp and CutMix reject, as Keras does).")
  Path labels;

  @Option(names = "--masks", description = "Segmentation masks .npy: (N, H, W, 1) (or (N, 1, H, W) channels_first), "
      + "integer or float; written back in the same dtype.")
  Path masks;

  @Option(names = "--boxes", description = "Boxes JSON {\"boxes\": [[[x1, y1, x2, y2], ...], ...], \"labels\": "
      + "[[...], ...]} in the layers' bounding_box_format (xyxy when none is declared); padded as Keras pads them.")
  Path boxes;

  @Option(names = "--calls", defaultValue = "1",
      description = "Apply the pipeline K times to the same input, the seed streams advancing (default: 1).")
  int calls;

  @Option(names = "--seed", description = "Keras' global seed, as keras.utils.set_random_seed(SEED) before building "
      + "the layers: layers with \"seed\": null get the seeds Keras would draw (0 <= SEED < 2**32).")
  Long seed;

  @Override
  public Integer call() throws IOException {
    if (calls < 1) {
      throw new IllegalArgumentException("--calls must be >= 1 but was " + calls);
    }
    requireFile("--spec", specFile);
    requireFile("--input", input);
    LayerSpec layers = LayerSpec.parse(Files.readString(specFile, StandardCharsets.UTF_8),
        boxes != null ? "xyxy" : null, seed);
    PrintWriter out = spec.commandLine().getOut();
    for (String s : layers.drawnSeeds()) {
      out.println("fresh " + s);
    }
    boolean cf = layers.dataFormat() == DataFormat.CHANNELS_FIRST;
    Batch in = read(cf);
    Pipeline pipeline = layers.pipeline();
    checkLabels(pipeline, in);
    List<LayerBatch> results = new ArrayList<>();
    for (int k = 0; k < calls; k++) {
      LayerBatch result = pipeline.apply(in.batch);
      results.add(result);
    }
    Files.createDirectories(output);
    for (int k = 0; k < calls; k++) { // nothing is written when a call fails
      write(results.get(k), in, calls == 1 ? "" : "_" + k, cf);
    }
    out.println("wrote " + calls + (calls == 1 ? " call" : " calls") + " of " + pipeline.layers().size()
        + " layers to " + output);
    return 0;
  }

  /** The input batch and what is needed to write the targets back as they came. */
  private record Batch(LayerBatch batch, int[] labelShape, NpyArray.DType labelType, NpyArray.DType maskType) {}

  private Batch read(boolean cf) throws IOException {
    NpyArray x = Npy.read(input);
    int[] s = x.shape();
    if (s.length != 4) {
      throw new IllegalArgumentException("--input must be a 4-D " + (cf ? "NCHW" : "NHWC") + " array but has shape "
          + Arrays.toString(s));
    }
    LayerBatch b = cf ? LayerBatch.ofChannelsFirst(x.floats(), s[0], s[1], s[2], s[3])
        : LayerBatch.of(x.floats(), s[0], s[1], s[2], s[3]);
    int n = b.size();
    int[] labelShape = null;
    NpyArray.DType labelType = null;
    if (labels != null) {
      requireFile("--labels", labels);
      NpyArray y = Npy.read(labels);
      labelShape = y.shape();
      labelType = y.dtype();
      if (!(labelShape.length == 2 || labelShape.length == 1) || labelShape[0] != n) {
        throw new IllegalArgumentException("--labels must have shape (" + n + ", classes) or (" + n + ",) but has "
            + Arrays.toString(labelShape));
      }
      int perSample = labelShape.length == 2 ? labelShape[1] : 1;
      b = isFloat(labelType) ? b.withLabels(y.floats(), perSample)
          : b.withIntegerLabels(y.longs(), perSample, labelType);
    }
    NpyArray.DType maskType = null;
    if (masks != null) {
      requireFile("--masks", masks);
      NpyArray m = Npy.read(masks);
      int[] ms = m.shape();
      boolean ok = ms.length == 4 && ms[0] == n && (cf ? ms[2] == b.height() && ms[3] == b.width()
          : ms[1] == b.height() && ms[2] == b.width());
      if (!ok) {
        throw new IllegalArgumentException("--masks must have shape " + (cf ? "(" + n + ", 1, " + b.height() + ", "
            + b.width() + ")" : "(" + n + ", " + b.height() + ", " + b.width() + ", 1)") + " (the images' size) but has "
            + Arrays.toString(ms));
      }
      maskType = m.dtype();
      b = b.withMasks(m.floats(), cf ? ms[1] : ms[3]);
    }
    if (boxes != null) {
      requireFile("--boxes", boxes);
      b = b.withBoxes(readBoxes(boxes, n));
    }
    return new Batch(b, labelShape, labelType, maskType);
  }

  /** Keras' dense boxes from ragged lists: shorter lists padded with [0, 0, 0, 0] and label -1. */
  static BoundingBoxes readBoxes(Path file, int n) throws IOException {
    JsonObject root;
    try {
      root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new IllegalArgumentException("--boxes must be a JSON object {\"boxes\": ..., \"labels\": ...}: "
          + e.getMessage(), e);
    }
    if (!root.has("boxes") || !root.get("boxes").isJsonArray() || !root.has("labels")
        || !root.get("labels").isJsonArray()) {
      throw new IllegalArgumentException("--boxes needs the lists \"boxes\" and \"labels\"");
    }
    JsonArray bx = root.getAsJsonArray("boxes");
    JsonArray lb = root.getAsJsonArray("labels");
    if (bx.size() != n || lb.size() != n) {
      throw new IllegalArgumentException("--boxes must hold one list of boxes and one of labels per image (" + n
          + ") but holds " + bx.size() + " and " + lb.size());
    }
    int max = 0;
    for (int i = 0; i < n; i++) {
      int count = bx.get(i).getAsJsonArray().size();
      if (lb.get(i).getAsJsonArray().size() != count) {
        throw new IllegalArgumentException("--boxes image " + i + " has " + count + " boxes but "
            + lb.get(i).getAsJsonArray().size() + " labels");
      }
      max = Math.max(max, count);
    }
    if (max == 0) {
      throw new IllegalArgumentException("--boxes holds no box at all");
    }
    float[] coords = new float[n * max * 4];
    int[] labelsOut = new int[n * max];
    Arrays.fill(labelsOut, -1);
    for (int i = 0; i < n; i++) {
      JsonArray list = bx.get(i).getAsJsonArray();
      for (int k = 0; k < list.size(); k++) {
        JsonArray box = list.get(k).getAsJsonArray();
        if (box.size() != 4) {
          throw new IllegalArgumentException("--boxes image " + i + " box " + k + " must have 4 numbers but has "
              + box.size());
        }
        for (int c = 0; c < 4; c++) {
          coords[(i * max + k) * 4 + c] = box.get(c).getAsFloat();
        }
        JsonElement label = lb.get(i).getAsJsonArray().get(k);
        labelsOut[i * max + k] = label.getAsInt();
      }
    }
    return BoundingBoxes.of(n, max, coords, labelsOut);
  }

  private static boolean isFloat(NpyArray.DType t) {
    return t == NpyArray.DType.FLOAT32 || t == NpyArray.DType.FLOAT64;
  }

  /**
   * Float labels of shape (N,) cannot be mixed as Keras mixes them: Keras 3.15.1's MixUp and CutMix broadcast them
   * against the (N, 1) mix weights to an (N, N) result. (Integer labels are rejected by those layers themselves.)
   */
  private static void checkLabels(Pipeline pipeline, Batch in) {
    if (in.labelShape != null && in.labelShape.length == 1 && isFloat(in.labelType) && mixesLabels(pipeline)) {
      int n = in.labelShape[0];
      throw new IllegalArgumentException("MixUp and CutMix cannot take " + in.labelType.name().toLowerCase(Locale.ROOT)
          + " labels of shape (" + n + ",): Keras 3.15.1 broadcasts them against the mix weights to (" + n + ", " + n
          + "); give labels of shape (" + n + ", classes), e.g. one-hot float32");
    }
  }

  private static boolean mixesLabels(AugmentationLayer layer) {
    if (layer instanceof Pipeline p) {
      return p.layers().stream().anyMatch(LayersCommand::mixesLabels);
    }
    return layer instanceof MixUp || layer instanceof CutMix;
  }

  private void write(LayerBatch b, Batch in, String suffix, boolean cf) throws IOException {
    int[] imageShape = cf ? new int[] {b.size(), b.channels(), b.height(), b.width()}
        : new int[] {b.size(), b.height(), b.width(), b.channels()};
    Npy.write(output.resolve("images" + suffix + ".npy"), imageShape, b.images());
    if (in.labelShape != null) {
      int[] shape = in.labelShape.length == 1 && b.labelWidth() == 1 ? in.labelShape
          : new int[] {b.size(), b.labelWidth()};
      Npy.write(output.resolve("labels" + suffix + ".npy"), shape, in.labelType, b.labels());
    }
    if (in.maskType != null) {
      int mc = b.maskChannels();
      int[] shape = cf ? new int[] {b.size(), mc, b.height(), b.width()}
          : new int[] {b.size(), b.height(), b.width(), mc};
      Npy.write(output.resolve("masks" + suffix + ".npy"), shape, in.maskType, b.masks());
    }
    if (b.boxes() != null) {
      BoundingBoxes bb = b.boxes();
      JsonArray all = new JsonArray();
      JsonArray allLabels = new JsonArray();
      for (int i = 0; i < bb.batch(); i++) {
        JsonArray list = new JsonArray();
        JsonArray labelList = new JsonArray();
        for (int k = 0; k < bb.maxBoxes(); k++) {
          JsonArray box = new JsonArray();
          for (int c = 0; c < 4; c++) {
            box.add(bb.boxes()[(i * bb.maxBoxes() + k) * 4 + c]);
          }
          list.add(box);
          labelList.add(bb.labels()[i * bb.maxBoxes() + k]);
        }
        all.add(list);
        allLabels.add(labelList);
      }
      JsonObject root = new JsonObject();
      root.add("boxes", all);
      root.add("labels", allLabels);
      AtomicFiles.writeString(output.resolve("boxes" + suffix + ".json"),
          new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(root) + "\n");
    }
  }

  private static void requireFile(String option, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(option + " " + file + " does not exist or is not a file");
    }
  }
}

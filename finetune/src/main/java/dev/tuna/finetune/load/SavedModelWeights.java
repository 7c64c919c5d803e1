package dev.tuna.finetune.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/** Reads Keras SavedModel weights by checkpoint key, through the checkpoint's object graph. */
final class SavedModelWeights {
  private static final String OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH";

  private SavedModelWeights() {}

  static KerasWeights read(Path dir) {
    Path pb = dir.resolve("saved_model.pb");
    if (!Files.isRegularFile(pb)) {
      throw new KerasModelException("no saved_model.pb in " + dir + ": not a SavedModel directory; "
          + KerasWeights.HOW_TO_EXPORT);
    }
    Path index = dir.resolve("variables").resolve("variables.index");
    if (!Files.isRegularFile(index)) {
      throw new KerasModelException("no variables/variables.index in " + dir
          + ": the SavedModel has no checkpoint (frozen or TF1 graph?); " + KerasWeights.HOW_TO_EXPORT);
    }
    MetaGraphDef meta = parse(pb);
    checkIndex(index);
    String prefix = dir.resolve("variables").resolve("variables").toAbsolutePath().toString();
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      TrackableObjectGraph tog = objectGraph(tf, s, prefix, dir);
      Map<String, String> keys = new LinkedHashMap<>();
      boolean operationsLayout = false;
      for (int id = 0; id < tog.getNodesCount(); id++) {
        TrackableObject node = tog.getNodes(id);
        for (TrackableObject.SerializedTensor t : node.getAttributesList()) {
          if (!t.getName().equals("VARIABLE_VALUE")) {
            continue;
          }
          operationsLayout |= t.getCheckpointKey().startsWith("_operations/");
          if (isFloat(meta, id)) {
            keys.putIfAbsent(KerasWeights.normalize(t.getFullName()), t.getCheckpointKey());
          }
        }
      }
      if (operationsLayout) {
        throw new KerasModelException(dir + " was written by tf.saved_model.save() from a Keras 3 model "
            + "(checkpoint keys _operations/<i>/...). Its serving signature cannot run outside Python "
            + "(\"Could not find variable\"); re-export it with Keras 3 `model.export(\"dir\")`, or save "
            + "`model.save(\"x.keras\")`.");
      }
      KerasFormat format = detect(keys, dir);
      Map<String, Weight> weights = restore(tf, s, prefix, keys);
      return new KerasWeights(dir, format, weights, inputKey(meta), new ArrayList<>(layerNames(weights)));
    } catch (TensorFlowException e) {
      throw new KerasModelException("cannot read the checkpoint of " + dir + ": " + e.getMessage()
          + "; " + KerasWeights.HOW_TO_EXPORT, e);
    }
  }

  /** The last 8 bytes of a TensorFlow checkpoint index (a LevelDB-format table), little-endian. */
  private static final long TABLE_MAGIC = 0xdb4775248b80fb57L;
  private static final int FOOTER = 48;
  private static final int BLOCK_TRAILER = 5;

  /**
   * Checks that the block handles of the checkpoint index (footer and index block) lie inside the file: TensorFlow
   * allocates a block of the declared size before reading it, and a corrupt size aborts the whole process with
   * {@code std::bad_alloc} instead of returning an error.
   */
  static void checkIndex(Path index) {
    try {
      byte[] b = Files.readAllBytes(index);
      if (b.length < FOOTER || ByteBuffer.wrap(b, b.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()
          != TABLE_MAGIC) {
        throw new IllegalArgumentException("no table footer");
      }
      int[] pos = {b.length - FOOTER};
      blockHandle(b, pos, b.length); // the metaindex block
      long[] indexBlock = blockHandle(b, pos, b.length);
      if (b[(int) (indexBlock[0] + indexBlock[1])] != 0) {
        return; // compressed index block: TensorFlow checks what it decompresses
      }
      int start = (int) indexBlock[0];
      int end = start + (int) indexBlock[1];
      long restarts = ByteBuffer.wrap(b, end - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
      long limit = end - 4 - 4 * restarts;
      if (limit < start) {
        throw new IllegalArgumentException("bad restart count " + restarts);
      }
      int[] p = {start};
      while (p[0] < limit) {
        varint(b, p, (int) limit); // shared key bytes
        long unshared = varint(b, p, (int) limit);
        long valueLength = varint(b, p, (int) limit);
        if (unshared > limit - p[0] || valueLength > limit - p[0] - unshared) {
          throw new IllegalArgumentException("index entry past its block");
        }
        p[0] += (int) unshared;
        int valueEnd = p[0] + (int) valueLength;
        blockHandle(b, p, b.length);
        p[0] = valueEnd;
      }
    } catch (IOException | RuntimeException e) {
      throw new KerasModelException("corrupt checkpoint index " + index + " (" + e.getMessage() + "); "
          + KerasWeights.HOW_TO_EXPORT, e);
    }
  }

  /** Reads a block handle (offset, size) at {@code pos[0]} and checks that the block and its trailer fit. */
  private static long[] blockHandle(byte[] b, int[] pos, int fileLength) {
    long offset = varint(b, pos, b.length);
    long size = varint(b, pos, b.length);
    if (offset < 0 || size < 0 || offset > fileLength || size > fileLength - offset - BLOCK_TRAILER) {
      throw new IllegalArgumentException("block of " + size + " bytes at " + offset + " in a file of " + fileLength
          + " bytes");
    }
    return new long[] {offset, size};
  }

  private static long varint(byte[] b, int[] pos, int limit) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= limit) {
        throw new IllegalArgumentException("truncated varint");
      }
      int x = b[pos[0]++];
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes");
  }

  private static MetaGraphDef parse(Path pb) {
    try {
      SavedModel model = SavedModel.parseFrom(Files.readAllBytes(pb));
      if (model.getMetaGraphsCount() == 0) {
        throw new KerasModelException(pb + " holds no meta graph; " + KerasWeights.HOW_TO_EXPORT);
      }
      return model.getMetaGraphs(0);
    } catch (IOException e) {
      throw new KerasModelException("cannot parse " + pb + " as a SavedModel: " + e.getMessage(), e);
    }
  }

  private static TrackableObjectGraph objectGraph(Ops tf, Session s, String prefix, Path dir) {
    Restore r = restoreOp(tf, prefix, List.of(OBJECT_GRAPH_KEY), List.of(TString.class));
    try (Result res = s.runner().fetch(r.tensors().get(0)).run()) {
      byte[] bytes = ((TString) res.get(0)).asBytes().getObject();
      return TrackableObjectGraph.parseFrom(bytes);
    } catch (TensorFlowException e) {
      throw new KerasModelException(dir + " has a TF1-style checkpoint without an object graph ("
          + OBJECT_GRAPH_KEY + " missing); it was not written by Keras. " + KerasWeights.HOW_TO_EXPORT, e);
    } catch (IOException e) {
      throw new KerasModelException("corrupt object graph in the checkpoint of " + dir, e);
    }
  }

  private static boolean isFloat(MetaGraphDef meta, int nodeId) {
    if (!meta.hasObjectGraphDef() || nodeId >= meta.getObjectGraphDef().getNodesCount()) {
      return true;
    }
    SavedObject node = meta.getObjectGraphDef().getNodes(nodeId);
    return !node.hasVariable() || node.getVariable().getDtype() == DataType.DT_FLOAT;
  }

  private static KerasFormat detect(Map<String, String> keys, Path dir) {
    if (keys.isEmpty()) {
      throw new KerasModelException(dir + " holds no float variables: nothing to load; "
          + KerasWeights.HOW_TO_EXPORT);
    }
    String any = keys.values().iterator().next();
    return any.startsWith("layer_with_weights-") || any.startsWith("layer-")
        ? KerasFormat.TF_KERAS_SAVED_MODEL : KerasFormat.KERAS3_EXPORT;
  }

  private static Map<String, Weight> restore(Ops tf, Session s, String prefix, Map<String, String> keys) {
    List<String> names = new ArrayList<>(keys.keySet());
    List<String> ckpt = new ArrayList<>(keys.values());
    List<Class<? extends TType>> types = new ArrayList<>();
    names.forEach(n -> types.add(TFloat32.class));
    Restore r = restoreOp(tf, prefix, ckpt, types);
    Session.Runner runner = s.runner();
    r.tensors().forEach(runner::fetch);
    Map<String, Weight> out = new LinkedHashMap<>();
    try (Result res = runner.run()) {
      for (int i = 0; i < names.size(); i++) {
        Tensor t = res.get(i);
        out.put(names.get(i), TensorValues.weight(names.get(i), (TFloat32) t));
      }
    }
    return out;
  }

  private static Restore restoreOp(Ops tf, String prefix, List<String> keys, List<Class<? extends TType>> types) {
    String[] empty = new String[keys.size()];
    java.util.Arrays.fill(empty, "");
    return tf.train.restore(tf.constant(prefix),
        tf.constant(Shape.of(keys.size()), DataBuffers.ofObjects(keys.toArray(new String[0]))),
        tf.constant(Shape.of(keys.size()), DataBuffers.ofObjects(empty)), types);
  }

  private static String inputKey(MetaGraphDef meta) {
    SignatureDef sig = meta.getSignatureDefMap().get("serving_default");
    if (sig == null || sig.getInputsCount() != 1) {
      return null;
    }
    return sig.getInputsMap().keySet().iterator().next();
  }

  static List<String> layerNames(Map<String, Weight> weights) {
    List<String> layers = new ArrayList<>();
    for (Weight w : weights.values()) {
      if (!layers.contains(w.layer())) {
        layers.add(w.layer());
      }
    }
    return layers;
  }
}

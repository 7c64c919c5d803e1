package dev.tuna.finetune.load;

import java.io.IOException;
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

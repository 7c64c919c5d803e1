package dev.tuna.finetune.model;

import dev.tuna.finetune.load.KerasModelException;
import dev.tuna.finetune.load.KerasWeights;
import dev.tuna.finetune.load.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VGG-family backbone (VGG16, VGG19 or any narrower/shallower variant) derived from its weights: blocks of 3×3
 * same-padded ReLU convolutions named {@code block<i>_conv<j>}, each block followed by a 2×2 max pool. Blocks and
 * filter counts come from the weights; nothing is hard-coded.
 */
public final class VggArchitecture {
  private static final Pattern CONV = Pattern.compile("(?:^|/)block(\\d+)_conv(\\d+)/(kernel|bias)$");

  private final List<Layer> layers;
  private final List<Weight> kernels;
  private final List<Weight> biases;
  private final int inputChannels;

  private VggArchitecture(List<Layer> layers, List<Weight> kernels, List<Weight> biases, int inputChannels) {
    this.layers = List.copyOf(layers);
    this.kernels = List.copyOf(kernels);
    this.biases = List.copyOf(biases);
    this.inputChannels = inputChannels;
  }

  /**
   * Derives the architecture from {@code weights}; other weights (a classifier top, say) are ignored.
   *
   * @param weights the backbone's weights
   * @return the architecture
   * @throws KerasModelException if no {@code block<i>_conv<j>} layers exist, blocks or convolutions are missing,
   *     or shapes do not chain
   */
  public static VggArchitecture from(KerasWeights weights) {
    Map<Integer, Map<Integer, Weight[]>> blocks = new TreeMap<>();
    for (Weight w : weights.all().values()) {
      Matcher m = CONV.matcher(w.name());
      if (m.find()) {
        Weight[] kb = blocks.computeIfAbsent(Integer.parseInt(m.group(1)), b -> new TreeMap<>())
            .computeIfAbsent(Integer.parseInt(m.group(2)), c -> new Weight[2]);
        String canonical = "block" + m.group(1) + "_conv" + m.group(2) + "/" + m.group(3);
        kb[m.group(3).equals("kernel") ? 0 : 1] =
            w.name().equals(canonical) ? w : Weight.of(canonical, w.shape(), w.values());
      }
    }
    if (blocks.isEmpty()) {
      List<String> found = new ArrayList<>(weights.layerOrder());
      throw new KerasModelException(weights.describe() + " is not a VGG network: found layers "
          + (found.size() > 8 ? found.subList(0, 8) + "..." : found)
          + " but no convolutions named block<i>_conv<j>. Export a keras.applications VGG16/VGG19 base "
          + "(include_top=False) or keep its layer names.");
    }
    List<Layer> layers = new ArrayList<>();
    List<Weight> kernels = new ArrayList<>();
    List<Weight> biases = new ArrayList<>();
    layers.add(new Layer(0, weights.inputName().orElse("input_1"), Layer.Kind.INPUT, 0));
    int expectBlock = 1;
    long channels = -1;
    int inputChannels = -1;
    for (var block : blocks.entrySet()) {
      if (block.getKey() != expectBlock) {
        throw new KerasModelException(String.format(Locale.ROOT, "%s: block%d is missing (found blocks %s); "
            + "the weights are incomplete", weights.describe(), expectBlock, blocks.keySet()));
      }
      int expectConv = 1;
      for (var conv : block.getValue().entrySet()) {
        String name = "block" + block.getKey() + "_conv" + conv.getKey();
        if (conv.getKey() != expectConv) {
          throw new KerasModelException(String.format(Locale.ROOT, "%s: block%d_conv%d is missing before %s",
              weights.describe(), block.getKey(), expectConv, name));
        }
        Weight k = conv.getValue()[0];
        Weight b = conv.getValue()[1];
        if (k == null || b == null) {
          throw new KerasModelException(weights.describe() + ": " + name + " has no "
              + (k == null ? "kernel" : "bias"));
        }
        long[] ks = k.shape();
        if (ks.length != 4 || ks[0] != 3 || ks[1] != 3) {
          throw new KerasModelException(weights.describe() + ": " + name + "/kernel has shape "
              + Arrays.toString(ks) + ", expected [3, 3, in, out] (HWIO); is this a channels_first model?");
        }
        if (channels < 0) {
          inputChannels = (int) ks[2];
        } else if (ks[2] != channels) {
          throw new KerasModelException(String.format(Locale.ROOT, "%s: %s/kernel has shape %s and expects %d "
              + "input channels, but the previous layer outputs %d", weights.describe(), name, Arrays.toString(ks),
              ks[2], channels));
        }
        if (!Arrays.equals(b.shape(), new long[] {ks[3]})) {
          throw new KerasModelException(String.format(Locale.ROOT, "%s: %s/bias has shape %s, expected [%d]",
              weights.describe(), name, Arrays.toString(b.shape()), ks[3]));
        }
        channels = ks[3];
        layers.add(new Layer(layers.size(), name, Layer.Kind.CONV, (int) channels));
        kernels.add(k);
        biases.add(b);
        expectConv++;
      }
      layers.add(new Layer(layers.size(), "block" + block.getKey() + "_pool", Layer.Kind.POOL, 0));
      expectBlock++;
    }
    return new VggArchitecture(layers, kernels, biases, inputChannels);
  }

  /**
   * All layers in Keras order: input, convolutions and pools.
   *
   * @return the layers, unmodifiable
   */
  public List<Layer> layers() {
    return layers;
  }

  /**
   * The layer called {@code name}.
   *
   * @param name a layer name, e.g. {@code block5_conv3}
   * @return the layer
   * @throws IllegalArgumentException if there is no such layer
   */
  public Layer layer(String name) {
    for (Layer l : layers) {
      if (l.name().equals(name)) {
        return l;
      }
    }
    List<String> names = new ArrayList<>();
    layers.forEach(l -> names.add(l.name()));
    throw new IllegalArgumentException("layer must be one of " + names + " but was " + name);
  }

  /**
   * Number of blocks (each ends in a pool).
   *
   * @return the block count
   */
  public int blocks() {
    return (int) layers.stream().filter(l -> l.kind() == Layer.Kind.POOL).count();
  }

  /**
   * Channels the first convolution expects (3 for RGB).
   *
   * @return the input channel count
   */
  public int inputChannels() {
    return inputChannels;
  }

  /**
   * Channels of the last convolution.
   *
   * @return the output channel count
   */
  public int outputChannels() {
    return (int) kernels.get(kernels.size() - 1).shape()[3];
  }

  /**
   * Convolution kernels in layer order (HWIO).
   *
   * @return the kernels, unmodifiable
   */
  public List<Weight> kernels() {
    return kernels;
  }

  /**
   * Convolution biases in layer order.
   *
   * @return the biases, unmodifiable
   */
  public List<Weight> biases() {
    return biases;
  }

  /**
   * Kernels and biases by Keras name.
   *
   * @return a new map in layer order, kernel before bias
   */
  public java.util.Map<String, Weight> weights() {
    java.util.Map<String, Weight> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kernels.size(); i++) {
      out.put(kernels.get(i).name(), kernels.get(i));
      out.put(biases.get(i).name(), biases.get(i));
    }
    return out;
  }

  /**
   * Spatial size after the backbone for an input of {@code size} pixels (VALID 2×2 pools floor).
   *
   * @param size the input height or width in pixels
   * @return the output height or width
   */
  public int outputSize(int size) {
    int s = size;
    for (int i = 0; i < blocks(); i++) {
      s /= 2;
    }
    return s;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("VGG[");
    int block = 0;
    for (Layer l : layers) {
      if (l.kind() == Layer.Kind.CONV) {
        sb.append(l.filters()).append(' ');
      } else if (l.kind() == Layer.Kind.POOL) {
        sb.append(++block < blocks() ? "| " : "");
      }
    }
    return sb.toString().trim() + "]";
  }
}

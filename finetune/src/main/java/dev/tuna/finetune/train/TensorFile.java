package dev.tuna.finetune.train;

import dev.tuna.finetune.load.Weight;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float32 tensors in one file: a magic line, then per tensor its name, rank, dimensions and values (big
 * endian). Written inside a checkpoint directory that is renamed into place as a whole.
 */
final class TensorFile {
  private static final byte[] MAGIC = "TUNA-TENSORS 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private TensorFile() {}

  static void write(Path file, Map<String, Weight> tensors) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.write(MAGIC);
      out.writeInt(tensors.size());
      for (var e : tensors.entrySet()) {
        out.writeUTF(e.getKey());
        long[] shape = e.getValue().shape();
        out.writeInt(shape.length);
        for (long d : shape) {
          out.writeLong(d);
        }
        float[] v = e.getValue().values();
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES);
        b.asFloatBuffer().put(v);
        out.write(b.array());
      }
    }
  }

  static Map<String, Weight> read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IllegalArgumentException(file + " is not a tuna tensor file");
      }
      int n = in.readInt();
      Map<String, Weight> out = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        int rank = in.readInt();
        if (rank < 0 || rank > 8) {
          throw new IllegalArgumentException(file + ": tensor " + name + " has rank " + rank);
        }
        long[] shape = new long[rank];
        long size = 1;
        for (int d = 0; d < rank; d++) {
          shape[d] = in.readLong();
          size *= shape[d];
          if (shape[d] < 0 || size > Integer.MAX_VALUE / Float.BYTES) {
            throw new IllegalArgumentException(file + ": tensor " + name + " has shape " + Arrays.toString(shape));
          }
        }
        byte[] bytes = new byte[(int) size * Float.BYTES];
        in.readFully(bytes);
        float[] values = new float[(int) size];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        out.put(name, Weight.of(name, shape, values));
      }
      return out;
    } catch (EOFException e) {
      throw new IllegalArgumentException(file + " is truncated", e);
    }
  }
}

package dev.tuna.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes files under one directory of any Hadoop file system from executors: the job's Hadoop configuration travels
 * with the task (serialized as Hadoop's {@code Writable}), so {@code file:}, {@code hdfs:} or {@code s3a:} work as the
 * driver configured them. On a checksummed file system (the local {@code file:} one) the files are written without
 * {@code .crc} sidecars.
 */
final class HadoopFiles implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String dir;
  private transient Configuration conf;
  private transient FileSystem fs;

  HadoopFiles(String dir, Configuration conf) {
    this.dir = dir;
    this.conf = new Configuration(conf);
  }

  /** Writes {@code bytes} to {@code relative} under the directory, replacing a file a failed attempt left. */
  void write(String relative, byte[] bytes) throws IOException {
    Path file = new Path(dir + "/" + relative);
    try (FSDataOutputStream out = fileSystem(file).create(file, true)) {
      out.write(bytes);
    }
  }

  private FileSystem fileSystem(Path file) throws IOException {
    if (fs == null) {
      FileSystem f = file.getFileSystem(conf);
      fs = f instanceof ChecksumFileSystem c ? c.getRawFileSystem() : f;
    }
    return fs;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}

package dev.tuna.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Lists, reads and writes files of any Hadoop file system, on the driver and on executors: the job's Hadoop
 * configuration travels with the task (serialized as Hadoop's {@code Writable}), so {@code file:}, {@code hdfs:} or
 * {@code s3a:} work as the driver configured them. On a checksummed file system (the local {@code file:} one) files
 * are read and written without {@code .crc} sidecars, and with Java I/O at the local file Hadoop's
 * {@link RawLocalFileSystem} maps the path to: its {@code create} starts a {@code chmod} process per file when
 * Hadoop's native library is not loaded. Every other file system (other schemes) is used through its own streams. Each instance keeps the file system of its first read and of
 * its first write (one input and one output directory per job).
 */
final class HadoopFiles implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient Configuration conf;
  private transient FileSystem in;
  private transient FileSystem out;

  HadoopFiles(Configuration conf) {
    this.conf = new Configuration(conf);
  }

  /**
   * Every file under {@code dir}, recursively, as Spark's file sources list them: names starting with '.' or '_'
   * (hidden files and directories, Spark's and Hadoop's own) are left out; sorted, fully qualified.
   */
  List<String> list(Path dir) throws IOException {
    FileSystem fs = raw(dir.getFileSystem(conf));
    List<String> files = new ArrayList<>();
    List<Path> pending = new ArrayList<>(List.of(dir));
    while (!pending.isEmpty()) {
      for (FileStatus st : fs.listStatus(pending.remove(pending.size() - 1))) {
        String name = st.getPath().getName();
        if (name.startsWith(".") || name.startsWith("_") || name.endsWith("._COPYING_")) {
          continue;
        }
        if (st.isDirectory()) {
          pending.add(st.getPath());
        } else {
          files.add(st.getPath().toString());
        }
      }
    }
    files.sort(null);
    return files;
  }

  /** The bytes of the file at {@code uri}. */
  byte[] read(String uri) throws IOException {
    Path file = new Path(uri);
    if (in == null) {
      in = raw(file.getFileSystem(conf));
    }
    if (in instanceof RawLocalFileSystem local && isFile(file)) {
      return Files.readAllBytes(local.pathToFile(file).toPath());
    }
    try (FSDataInputStream s = in.open(file)) {
      return s.readAllBytes();
    }
  }

  /** Writes {@code bytes} to {@code relative} under {@code dir}, replacing a file a failed attempt left. */
  void write(String dir, String relative, byte[] bytes) throws IOException {
    Path file = new Path(dir + "/" + relative);
    if (out == null) {
      out = raw(file.getFileSystem(conf));
    }
    if (out instanceof RawLocalFileSystem local && isFile(file)) {
      // Hadoop's local create() runs chmod in a new process for every file unless its native library is loaded
      java.nio.file.Path target = local.pathToFile(file).toPath();
      Files.createDirectories(target.getParent());
      Files.write(target, bytes);
      return;
    }
    try (FSDataOutputStream s = out.create(file, true)) {
      s.write(bytes);
    }
  }

  /** Whether {@code p} is on Hadoop's local file system (scheme {@code file}). */
  private static boolean isFile(Path p) {
    return "file".equals(p.toUri().getScheme());
  }

  private static FileSystem raw(FileSystem fs) {
    return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
  }

  private void writeObject(ObjectOutputStream s) throws IOException {
    s.defaultWriteObject();
    conf.write(s);
  }

  private void readObject(ObjectInputStream s) throws IOException, ClassNotFoundException {
    s.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(s);
  }
}

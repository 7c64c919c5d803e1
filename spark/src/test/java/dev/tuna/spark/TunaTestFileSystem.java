package dev.tuna.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under the scheme {@code tunatest:} (registered as {@code fs.tunatest.impl}): a Hadoop file system
 * that Java I/O cannot open, so a job that took a shortcut around Hadoop's {@code FileSystem} would fail on it. Jobs
 * read and write it through its streams (the direct local path is for the {@code file:} scheme only).
 */
public final class TunaTestFileSystem extends RawLocalFileSystem {
  /** The scheme. */
  static final String SCHEME = "tunatest";

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }
}

package dev.tuna.examples.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** A UTF-8 {@link PrintStream} that forwards to a {@link PrintWriter} on every flush (for the progress bar). */
public final class PrintWriterStream extends OutputStream {
  private final PrintWriter writer;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  private PrintWriterStream(PrintWriter writer) {
    this.writer = writer;
  }

  public static PrintStream of(PrintWriter writer) {
    return new PrintStream(new PrintWriterStream(writer), true, StandardCharsets.UTF_8);
  }

  @Override
  public void write(int b) {
    pending.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    pending.write(b, off, len);
  }

  @Override
  public void flush() {
    writer.print(pending.toString(StandardCharsets.UTF_8));
    writer.flush();
    pending.reset();
  }
}

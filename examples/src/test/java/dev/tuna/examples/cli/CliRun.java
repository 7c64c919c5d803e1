package dev.tuna.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the tuna command in-process and captures exit code and output. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TunaCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  static Path fixtures(String relative) {
    return Path.of(System.getProperty("tuna.kerasFixtures", "../augment/src/test/resources/keras"))
        .resolve(relative);
  }
}

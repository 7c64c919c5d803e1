package dev.tuna.examples;

import dev.tuna.examples.cli.TunaCommand;

/** Entry point of the {@code tuna} command. */
public final class Tuna {
  private Tuna() {}

  /**
   * Runs the command and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    // Library progress messages are informational; the command prints its own summary.
    System.setProperty("java.util.logging.SimpleFormatter.format", "tuna: %4$s: %5$s%6$s%n");
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    System.exit(TunaCommand.run(args));
  }
}

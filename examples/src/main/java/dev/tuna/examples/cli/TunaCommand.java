package dev.tuna.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tuna} command: Keras-exact augmentation and fine-tuning from the shell. */
@Command(name = "tuna", mixinStandardHelpOptions = true, version = "tuna 0.1.0",
    description = "Keras-exact image augmentation and transfer learning on the JVM.",
    subcommands = {DemoCommand.class, AugmentCommand.class, InspectCommand.class, FeaturesCommand.class,
        DoctorCommand.class, SparkCommand.class,
        FinetuneCommand.class, ClassifyCommand.class, TransformCommand.class, FlowCommand.class, LayersCommand.class,
        CommandLine.HelpCommand.class})
public final class TunaCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs the command line and returns the exit code: 0 success, 1 failure, 2 bad usage.
   *
   * @param args the command line
   * @return the exit code
   */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * {@link #run(String...)} with explicit output streams (for tests).
   *
   * @param out the standard output
   * @param err the error output
   * @param args the command line
   * @return the exit code
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new TunaCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      String name = commandLine.getCommandName();
      String message = ex.getMessage() != null ? ex.getMessage() : ex.toString();
      commandLine.getErr().println("tuna " + name + ": error: " + message);
      return 1;
    });
    try {
      return cl.execute(args);
    } finally {
      out.flush(); // print() without a newline does not trigger the auto-flush
      err.flush();
    }
  }
}

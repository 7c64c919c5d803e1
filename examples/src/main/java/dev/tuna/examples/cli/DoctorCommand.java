package dev.tuna.examples.cli;

import dev.tuna.augment.ImageDataGenerator;
import dev.tuna.augment.internal.warp.AffineWarp;
import dev.tuna.augment.internal.warp.WarpKernel;
import dev.tuna.augment.layers.internal.ProjectiveKernel;
import dev.tuna.core.io.PickKernel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tuna doctor}: what this machine runs — JVM, platform, and which exact kernels were chosen, with their times. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Prints the JVM and platform, which of tuna's interchangeable exact kernels can run here and why "
        + "not, and which one each step uses on this CPU, measured now (a few seconds in a cold JVM).",
        "-Dtuna.warp.kernel=native|native_packed|vector|scalar, -Dtuna.pick.kernel=native|java and "
            + "-Dtuna.projective.kernel=native|vector|scalar "
            + "(in TUNA_JAVA_OPTS) force one."})
final class DoctorCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "java %s (%s) on %s %s, %d processors%n", System.getProperty("java.version"),
        System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors());
    for (WarpKernel k : WarpKernel.values()) {
      out.printf(Locale.ROOT, "  warp %-7s %s%n", k, k.available() ? "available" : "unavailable: "
          + k.unavailableReason());
    }
    out.println(WarpKernel.settle() + " for Precision.EXACT");
    out.printf(Locale.ROOT, "warp precision %s by default: %s%n", ImageDataGenerator.DEFAULT_PRECISION,
        AffineWarp.float32Native(3) ? "the native float32 kernel (1-4 channels)"
            : "the exact kernel above (no native float32 kernel here)");
    for (PickKernel k : PickKernel.values()) {
      out.printf(Locale.ROOT, "  pick %-7s %s%n", k, k.available() ? "available" : "unavailable: "
          + k.unavailableReason());
    }
    out.println(PickKernel.settle());
    for (ProjectiveKernel k : ProjectiveKernel.values()) {
      out.printf(Locale.ROOT, "  projective %-7s %s%n", k, k.available() ? "available"
          : "unavailable: " + k.unavailableReason());
    }
    out.println(ProjectiveKernel.settle());
    return 0;
  }
}

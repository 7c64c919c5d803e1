package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.augment.internal.warp.AffineWarp;
import dev.tuna.augment.internal.warp.WarpKernel;
import dev.tuna.augment.layers.internal.ProjectiveKernel;
import dev.tuna.core.io.PickKernel;
import org.junit.jupiter.api.Test;

final class DoctorCommandTest {
  @Test
  void doctor_printsEveryKernelAndTheMeasuredChoices() {
    CliRun r = CliRun.of("doctor");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("java " + System.getProperty("java.version"))
        .contains("  warp SCALAR  available")
        .contains("  pick JAVA    available")
        .contains(WarpKernel.choice().toString() + " for Precision.EXACT")
        .contains("warp precision FLOAT32 by default: " + (AffineWarp.float32Native(3) ? "the native float32 kernel"
            : "the exact kernel above"))
        .contains(PickKernel.choice().toString())
        .contains("  projective SCALAR  available")
        .contains(ProjectiveKernel.choice().toString());
    assertThat(WarpKernel.choice().how()).isIn("measured", "only", "forced");
    assertThat(r.err()).isEmpty();
  }
}

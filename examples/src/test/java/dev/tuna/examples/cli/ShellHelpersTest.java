package dev.tuna.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash helpers behind {@code ./tuna} (tools/quiet-stderr.sh) and the Python scripts' venvs (tools/venv.sh), run
 * through bash on made-up input.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
final class ShellHelpersTest {
  private static final Path TOOLS = Path.of("../tools").toAbsolutePath().normalize();
  private static final String JVM_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";
  private static final String ABSL_WARNING =
      "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR";
  private static final String ABSL_INFO = "I0000 00:00:1796414830.957608   12109 mlir_graph_optimization_pass.cc:401] "
      + "MLIR V1 optimization pass is not enabled";
  private static final String ABSL_WARN = "W0000 00:00:1796414830.957608   12109 cpu_utils.cc:145] Failed to get CPU "
      + "frequency: 0 Hz";
  private static final String ABSL_ERROR = "E0000 00:00:1796414830.957608   12109 loader.cc:12] real failure";

  @TempDir
  Path tmp;

  private static String bash(String script, String stdin, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    pb.environment().remove("TF_CPP_MIN_LOG_LEVEL");
    pb.environment().remove("TUNA_PIP_INDEX");
    pb.environment().putAll(env);
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static String quiet(String stdin, Map<String, String> env) throws Exception {
    return bash("source '" + TOOLS.resolve("quiet-stderr.sh") + "'; quiet_stderr", stdin, env);
  }

  @Test
  void quietStderr_level2_dropsTheJvmWarningAndAbslInfoAndWarnings_keepsTheRest() throws Exception {
    String in = String.join("\n", JVM_WARNING, ABSL_WARNING, ABSL_INFO, "tuna classify: error: no such image",
        ABSL_WARN, ABSL_ERROR, "Dec 04, 2026 8:00:00 PM dev.tuna.X log", "WARNING: something of tuna's own", "");
    assertThat(quiet(in, Map.of("TF_CPP_MIN_LOG_LEVEL", "2"))).isEqualTo(String.join("\n",
        "tuna classify: error: no such image", ABSL_ERROR, "Dec 04, 2026 8:00:00 PM dev.tuna.X log",
        "WARNING: something of tuna's own", ""));
  }

  @Test
  void quietStderr_level0_keepsTensorFlowsLines() throws Exception {
    String in = String.join("\n", JVM_WARNING, ABSL_WARNING, ABSL_INFO, ABSL_WARN, "");
    assertThat(quiet(in, Map.of("TF_CPP_MIN_LOG_LEVEL", "0")))
        .isEqualTo(String.join("\n", ABSL_WARNING, ABSL_INFO, ABSL_WARN, ""));
  }

  @Test
  void quietStderr_level3_alsoDropsAbslErrors_andKeepsALastLineWithoutNewline() throws Exception {
    assertThat(quiet(ABSL_ERROR + "\nlast words", Map.of("TF_CPP_MIN_LOG_LEVEL", "3"))).isEqualTo("last words\n");
  }

  /** A stand-in for {@code python -m pip config list} printing {@code lines}. */
  private Path fakePython(List<String> lines) throws IOException {
    Path script = tmp.resolve("python");
    StringBuilder sb = new StringBuilder("#!/bin/sh\ncat <<'EOF'\n");
    lines.forEach(l -> sb.append(l).append('\n'));
    Files.writeString(script, sb.append("EOF\n").toString());
    assertThat(script.toFile().setExecutable(true)).isTrue();
    return script;
  }

  /** A local index's {@code file:} URL under this test's temporary directory. */
  private String local(String name) {
    return tmp.resolve(name).resolve("simple").toUri().toString();
  }

  private String indexArgs(Path python, Map<String, String> env) throws Exception {
    return bash("source '" + TOOLS.resolve("venv.sh") + "'; tuna_pip_index_args '" + python + "' | tr '\\n' ' '",
        "", env);
  }

  @Test
  void pipIndexArgs_localIndexesFromPipConfig_firstIsTheIndex() throws Exception {
    Path python = fakePython(List.of("global.find-links='/srv/wheels'",
        "global.index-url='" + local("a") + "'",
        "global.extra-index-url='https://mirror.example/simple " + local("b") + "'",
        "site.extra-index-url='" + local("c") + "'", ":env:.default-timeout='180'"));
    // b and c stay in pip's own extra-index-url list, which pip adds to the command line's.
    assertThat(indexArgs(python, Map.of())).isEqualTo("--index-url " + local("a") + " ");
  }

  @Test
  void pipIndexArgs_localExtrasOnly_firstBecomesTheIndexTheOthersStayExtras() throws Exception {
    Path python = fakePython(List.of("global.extra-index-url='" + local("a") + " " + local("b") + "'"));
    assertThat(indexArgs(python, Map.of())).isEqualTo("--index-url " + local("a") + " ");
    Path python2 = fakePython(List.of(":env:.index-url='" + local("a") + "'",
        "user.index-url=\"" + local("b") + "\""));
    assertThat(indexArgs(python2, Map.of()))
        .isEqualTo("--index-url " + local("a") + " --extra-index-url " + local("b") + " ");
  }

  @Test
  void pipIndexArgs_noLocalIndex_plainPip() throws Exception {
    Path python = fakePython(List.of("global.index-url='https://mirror.example/simple'", "global.timeout='60'"));
    assertThat(indexArgs(python, Map.of())).isEmpty();
  }

  @Test
  void pipIndexArgs_tunaPipIndex_wins() throws Exception {
    Path python = fakePython(List.of("global.extra-index-url='" + local("a") + "'"));
    assertThat(indexArgs(python, Map.of("TUNA_PIP_INDEX", "https://index.example/simple")))
        .isEqualTo("--index-url https://index.example/simple ");
  }
}

package dev.tuna.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A library that is there but does not load is logged once at WARNING; a missing one only at DEBUG. */
final class NativeLibraryTest {
  private static final boolean LINUX_X86_64 =
      System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
          && (System.getProperty("os.arch").equals("amd64") || System.getProperty("os.arch").equals("x86_64"));

  private final List<LogRecord> records = new ArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger jul = Logger.getLogger(NativeLibrary.class.getName());
  private Level level;

  @BeforeEach
  void capture() {
    level = jul.getLevel();
    jul.setLevel(Level.ALL);
    jul.addHandler(handler);
    jul.setUseParentHandlers(false);
  }

  @AfterEach
  void release() {
    jul.removeHandler(handler);
    jul.setUseParentHandlers(true);
    jul.setLevel(level);
  }

  @Test
  void brokenLibrary_warnsOnceWithTheReason() {
    String first = NativeLibrary.load(NativeLibraryTest.class, "tunabroken", () -> null);
    String second = NativeLibrary.load(NativeLibraryTest.class, "tunabroken", () -> null);
    assertThat(first).isNotNull();
    assertThat(second).isNotNull();
    assertThat(records).as("logged once").hasSize(1);
    LogRecord r = records.get(0);
    assertThat(r.getMessage()).startsWith("native tunabroken library not used, tuna runs its Java code instead: ")
        .endsWith(first);
    if (LINUX_X86_64) {
      assertThat(r.getLevel()).isEqualTo(Level.WARNING);
      assertThat(first).contains("UnsatisfiedLinkError");
    } else {
      assertThat(r.getLevel()).isEqualTo(Level.FINE); // System.Logger's DEBUG
      assertThat(first).startsWith("no native tunabroken library for ");
    }
  }

  @Test
  void missingLibrary_isOnlyDebug() {
    String reason = NativeLibrary.load(NativeLibraryTest.class, "tunamissing", () -> null);
    assertThat(reason).contains(LINUX_X86_64 ? "is not on the class path" : "no native tunamissing library");
    assertThat(records).singleElement().extracting(LogRecord::getLevel).isEqualTo(Level.FINE);
  }
}

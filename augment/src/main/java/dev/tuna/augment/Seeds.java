package dev.tuna.augment;

import java.security.SecureRandom;

/** Seeds for unseeded runs, drawn like NumPy's entropy seeding (a random 32-bit value). */
final class Seeds {
  private static final SecureRandom ENTROPY = new SecureRandom();

  private Seeds() {}

  static long random() {
    return ENTROPY.nextInt() & 0xFFFF_FFFFL;
  }
}

package org.segmentdsl.internal.column;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Ordered 64-bit keys for the values of ordered fields, so that one {@link RangeColumn} serves
 * numbers, dates and datetimes, and {@code key + 1} is always the next possible value (which turns
 * every strict bound into an inclusive one).
 */
public final class Keys {
  private Keys() {}

  /**
   * A double as a long with the same order ({@code -0.0} as {@code 0.0}); consecutive doubles have
   * consecutive keys.
   */
  public static long ofNumber(double value) {
    long bits = Double.doubleToLongBits(value == 0.0d ? 0.0d : value);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  /** The double a key stands for. */
  public static double toNumber(long key) {
    long bits = key ^ ((key >> 63) & Long.MAX_VALUE);
    return Double.longBitsToDouble(bits);
  }

  public static long ofDate(LocalDate date) {
    return date.toEpochDay();
  }

  /** Microseconds since the epoch, rounded down. */
  public static long floorMicros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
        instant.getNano() / 1000);
  }

  /** The instant of a number of microseconds since the epoch. */
  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** Microseconds since the epoch, rounded up. */
  public static long ceilMicros(Instant instant) {
    return floorMicros(instant) + (instant.getNano() % 1000 == 0 ? 0 : 1);
  }

  /** {@code key + 1}, saturating. */
  public static long next(long key) {
    return key == Long.MAX_VALUE ? key : key + 1;
  }

  /** {@code key - 1}, saturating. */
  public static long previous(long key) {
    return key == Long.MIN_VALUE ? key : key - 1;
  }
}
